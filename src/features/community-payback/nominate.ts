import { randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { publish } from '../../access/audit.ts'
import type { Executor } from '../../access/person-access.ts'
import type { Clock } from '../../clock.ts'
import type { Database } from '../../db/schema.ts'
import { ValidationError } from '../../errors.ts'
import { boundaryOf, routeNomination } from './areas.ts'
import type { NominationCommand } from './forms.ts'
import { cleanImage, type CleanImage } from './images.ts'
import {
  findCurrentAreas,
  insertNomination,
  insertNominationPhoto,
  insertNominationStatus,
  referenceTaken,
} from './queries.ts'

/** A photo as it was uploaded, before it is checked and cleaned. */
export interface Upload {
  readonly filename: string
  readonly content: Buffer
}

/** The most photos one nomination may carry. */
export const MAX_PHOTOS = 5

/** Letters and digits no one misreads: no 0/O, 1/I. */
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'

/**
 * A random reference, `CP-XXXX-XXXX`, from 32 unambiguous characters (40 random bits; 256 is a multiple of 32, so
 * each character is uniform).
 *
 * @example
 * newReference() // 'CP-7K4M-Q2XR'
 */
export function newReference(): string {
  const chars = [...randomBytes(8)].map(b => ALPHABET[b % ALPHABET.length]!)
  return `CP-${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`
}

async function uniqueReference(db: Executor): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const reference = newReference()
    if (!(await referenceTaken(db, reference))) return reference
  }
  throw new Error('Could not find an unused nomination reference')
}

/** Checks and cleans every photo; the first that is not one refuses the form (nothing is saved). */
async function cleanPhotos(uploads: readonly Upload[]): Promise<Extract<CleanImage, { ok: true }>[]> {
  if (uploads.length > MAX_PHOTOS) {
    throw new ValidationError([{ field: 'photos', message: `Select up to ${MAX_PHOTOS} photos` }])
  }
  const cleaned: Extract<CleanImage, { ok: true }>[] = []
  for (const upload of uploads) {
    const result = await cleanImage(upload.content)
    if (!result.ok) {
      const which = uploads.length > 1 ? ` (${upload.filename || 'one of the photos'})` : ''
      throw new ValidationError([{ field: 'photos', message: `${result.problem}${which}` }])
    }
    cleaned.push(result)
  }
  return cleaned
}

/**
 * A nomination from the public (issue 17 item 6): its photos cleaned of metadata, routed to the provider whose area
 * holds the pin (or lists the postcode's district), saved as received with its first history row, and announced on
 * the outbox (`cp.nomination.received`: the reference and provider only) in the same transaction.
 */
export function createNominate(deps: { db: Kysely<Database>; clock: Clock }) {
  return async function nominate(
    command: NominationCommand,
    uploads: readonly Upload[],
  ): Promise<{ reference: string; providerId: number | null }> {
    const photos = await cleanPhotos(uploads)
    return deps.db.transaction().execute(async trx => {
      const areas = (await findCurrentAreas(trx)).map(a => ({
        id: Number(a.id),
        providerId: Number(a.provider_id),
        name: a.name,
        ...boundaryOf(a.geometry),
      }))
      const area = routeNomination(areas, command)
      const reference = await uniqueReference(trx)
      const now = deps.clock.now()
      const nominationId = await insertNomination(trx, {
        reference,
        provider_id: area?.providerId ?? null,
        area_id: area?.id ?? null,
        organisation_name: command.organisationName,
        contact_name: command.contactName,
        email: command.email,
        phone: command.phone,
        title: command.title,
        what_needs_doing: command.whatNeedsDoing,
        community_benefit: command.communityBenefit,
        address: command.address,
        postcode: command.postcode,
        latitude: command.latitude,
        longitude: command.longitude,
        toilets: command.toilets,
        hand_washing: command.handWashing,
        drinking_water: command.drinkingWater,
        parking: command.parking,
        accessibility: command.accessibility,
        consent_to_contact: command.consentToContact,
        status: 'received',
        submitted_at: now,
      })
      await insertNominationStatus(trx, nominationId, 'received', now)
      for (const photo of photos) {
        await insertNominationPhoto(trx, {
          nomination_id: nominationId,
          content: photo.content,
          mime_type: photo.mimeType,
          width: photo.width,
          height: photo.height,
          byte_size: photo.content.length,
        })
      }
      const providerId = area?.providerId ?? null
      await publish(trx, 'cp.nomination.received', null, { reference, providerId })
      return { reference, providerId }
    })
  }
}
