import type { Transaction } from 'kysely'
import type { Database } from '../db/schema.ts'
import { insertPartnerOrganisation, insertPartnerService } from './queries.ts'

/**
 * The demo region's partner directory (issue 18; synthetic): the contracted company as a prime, a housing charity
 * (tier 2) whose accommodation service takes referrals in the North West, a women's centre (tier 3) for women only,
 * and a skills mutual (tier 2) closed to referrals because its funding ends. `pip.partner` works for the housing
 * charity (src/seed/demo.ts).
 */

export interface DemoPartners {
  /** Organisation ids by code: NWCRC, NHT, WWC, ESM. */
  organisations: Record<string, number>
  /** Service ids by name. */
  services: Record<string, number>
}

export async function seedPartnerDirectory(
  trx: Transaction<Database>,
  regions: { nps: number; crc: number; crcProvider: number },
): Promise<DemoPartners> {
  const organisations: Record<string, number> = {}
  organisations.NWCRC = await insertPartnerOrganisation(trx, {
    code: 'NWCRC',
    name: 'Northshire Rehabilitation Company (demo)',
    tier: 'prime',
    legal_form: 'company',
    registration_number: 'Company 09000001',
    provider_id: regions.crcProvider,
    prime_id: null,
    contact_email: 'partnerships@northshire-rehab.example',
    contact_phone: null,
    website: null,
  })
  organisations.NHT = await insertPartnerOrganisation(trx, {
    code: 'NHT',
    name: 'Northtown Housing Trust (demo)',
    tier: 'tier_2',
    legal_form: 'charity',
    registration_number: 'Charity 1100001',
    provider_id: null,
    prime_id: organisations.NWCRC,
    contact_email: 'referrals@northtown-housing.example',
    contact_phone: '01632 960100',
    website: null,
  })
  organisations.WWC = await insertPartnerOrganisation(trx, {
    code: 'WWC',
    name: 'Westbury Women’s Centre (demo)',
    tier: 'tier_3',
    legal_form: 'charity',
    registration_number: 'Charity 1100002',
    provider_id: null,
    prime_id: organisations.NWCRC,
    contact_email: 'hello@westbury-women.example',
    contact_phone: null,
    website: null,
  })
  organisations.ESM = await insertPartnerOrganisation(trx, {
    code: 'ESM',
    name: 'Easton Skills Mutual (demo)',
    tier: 'tier_2',
    legal_form: 'mutual',
    registration_number: 'Society 7000001',
    provider_id: null,
    prime_id: organisations.NWCRC,
    contact_email: null,
    contact_phone: null,
    website: null,
  })
  const services = await seedServices(trx, organisations, regions)
  return { organisations, services }
}

async function seedServices(
  trx: Transaction<Database>,
  org: Record<string, number>,
  regions: { nps: number; crc: number },
): Promise<Record<string, number>> {
  const services: Record<string, number> = {}
  services['Accommodation support'] = await insertPartnerService(
    trx,
    {
      organisation_id: org.NHT!,
      name: 'Accommodation support',
      pathway: 'accommodation',
      description: 'Help to find and keep a home: tenancy support, housing applications and landlord mediation.',
      eligible_genders: [],
      eligible_tiers: [],
      max_rosh: 'high',
      delivers_rar: true,
      capacity: 25,
      waiting_weeks: 1,
      funding_ends_on: '2028-03-31',
      lone_working_guidance:
        'Meet in our offices or a public place for the first session. Home visits in pairs only, with the office told where and when.',
    },
    [regions.nps, regions.crc],
  )
  services['Women’s centre'] = await insertPartnerService(
    trx,
    {
      organisation_id: org.WWC!,
      name: 'Women’s centre',
      pathway: 'womens_services',
      description: 'A women-only space: one-to-one support, group work and help with children’s services.',
      eligible_genders: ['female'],
      max_rosh: 'medium',
      delivers_rar: true,
      capacity: 12,
      waiting_weeks: 2,
      funding_ends_on: null,
    },
    [regions.nps],
  )
  services['Employment and skills'] = await insertPartnerService(
    trx,
    {
      organisation_id: org.ESM!,
      name: 'Employment and skills',
      pathway: 'ete',
      description: 'CVs, interview practice, CSCS cards and a route into local employers.',
      delivers_rar: true,
      capacity: 0,
      waiting_weeks: null,
      funding_ends_on: '2027-02-28',
      accepting: false,
      closed_reason: 'Our funding ends in February: we are not taking new referrals',
    },
    [regions.nps, regions.crc],
  )
  return services
}
