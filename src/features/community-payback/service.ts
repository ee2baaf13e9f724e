import type { Dependencies } from '../../dependencies.ts'
import { createFollow } from './follow.ts'
import { formRefusal, issueFormToken } from './forms.ts'
import { createNominate } from './nominate.ts'
import { createPublicWork } from './public-map.ts'
import type { FormBody } from '../../web/forms.ts'

/**
 * The public Community Payback face (issue 17 items 6–9): nominations, following one, and the work done.
 * No use case here reads or changes a person's record.
 */
export function createCommunityPaybackService({ db, clock, config }: Dependencies) {
  const secret = config.communityPayback.formSecret
  const publicWork = createPublicWork({ db, clock, config })
  return {
    /** A new form token for a page being served now. */
    formToken: () => issueFormToken(secret, clock.now()),
    /** Why a posted public form is refused (token, honeypot), or undefined. */
    formRefusal: (body: FormBody | undefined) => formRefusal(secret, body, clock.now()),
    nominate: createNominate({ db, clock }),
    follow: createFollow({ db }),
    publicWork,
    /** The map's tiles and their credit. */
    map: { tileUrl: config.communityPayback.tileUrl, attribution: config.communityPayback.tileAttribution },
  }
}

export type CommunityPaybackService = ReturnType<typeof createCommunityPaybackService>
