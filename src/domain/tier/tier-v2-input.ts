import { InputReader } from './input-reader.ts'
import {
  NEED_SEVERITIES,
  NEEDS,
  type Assessment,
  type Conviction,
  type Need,
  type NeedSeverity,
  type Registration,
  type Requirement,
  type TierV2Inputs,
  type WomenFactors,
} from './tier-v2-types.ts'

const WOMEN_FACTOR_KEYS = ['IMPULSIVITY', 'TEMPER_CONTROL', 'PARENTING_RESPONSIBILITIES'] as const

/**
 * Turns untrusted JSON (the `inputs` of a `probity tier` request, see test/vectors/tier.json
 * `_meta.v2InputConventions`) into {@link TierV2Inputs}, or throws a ValidationError listing every missing or
 * impossible field. Ranges: RSR ≥ 0 (values above 99.99 are accepted and score 0, as upstream); OGRS a whole
 * number 0–100; OASys 11.2/11.4 answers 0–2.
 *
 * @example
 * const inputs = parseTierV2Inputs({
 *   gender: 'Female', rsr: null, ogrs: null, registrations: [], previousEnforcementActivity: false,
 *   convictions: [{ sentenceCode: 'NC', terminated: false, requirements: [] }], assessment: null,
 * })
 */
export function parseTierV2Inputs(raw: unknown, field = 'inputs'): TierV2Inputs {
  const r = new InputReader()
  const obj = r.object(raw, field)
  if (!obj) return (r.throwIfAny(), undefined as never)
  const p = (k: string) => `${field}.${k}`

  const gender = r.string(obj, 'gender', p('gender'))
  const rsr = r.number(obj, 'rsr', p('rsr'), { nullable: true, min: 0 })
  const ogrs = r.number(obj, 'ogrs', p('ogrs'), { nullable: true, min: 0, max: 100, integer: true })
  const previousEnforcementActivity = r.boolean(obj, 'previousEnforcementActivity', p('previousEnforcementActivity'))

  const registrations: Registration[] = []
  r.array(obj, 'registrations', p('registrations'))?.forEach((item, i) => {
    const f = `${p('registrations')}[${i}]`
    const reg = r.object(item, f)
    if (!reg) return
    const code = r.string(reg, 'code', `${f}.code`)
    const level = 'level' in reg ? r.string(reg, 'level', `${f}.level`, true) : null
    const date = 'date' in reg ? r.date(reg, 'date', `${f}.date`, true) : null
    if (code) registrations.push({ code, level: level ?? null, date: date ?? null })
  })

  const convictions: Conviction[] = []
  r.array(obj, 'convictions', p('convictions'))?.forEach((item, i) => {
    const f = `${p('convictions')}[${i}]`
    const c = r.object(item, f)
    if (!c) return
    const sentenceCode = r.string(c, 'sentenceCode', `${f}.sentenceCode`)
    const terminated = r.boolean(c, 'terminated', `${f}.terminated`)
    // A conviction with no requirements listed has none: the key may be left out.
    const requirements: Requirement[] = []
    const reqs = 'requirements' in c ? r.array(c, 'requirements', `${f}.requirements`) : []
    reqs?.forEach((reqItem, j) => {
      const rf = `${f}.requirements[${j}]`
      const req = r.object(reqItem, rf)
      if (!req) return
      const mainCategoryTypeCode = r.string(req, 'mainCategoryTypeCode', `${rf}.mainCategoryTypeCode`)
      const restrictive = r.boolean(req, 'restrictive', `${rf}.restrictive`)
      if (mainCategoryTypeCode && restrictive !== undefined) requirements.push({ mainCategoryTypeCode, restrictive })
    })
    if (sentenceCode && terminated !== undefined) convictions.push({ sentenceCode, terminated, requirements })
  })

  let assessment: Assessment | null | undefined = undefined
  const rawAssessment = r.present(obj, 'assessment', p('assessment'), true)
  if (rawAssessment === null) assessment = null
  else if (rawAssessment !== undefined) assessment = readAssessment(r, rawAssessment, p('assessment'))

  r.throwIfAny()
  return {
    gender: gender as string,
    rsr: rsr as number | null,
    ogrs: ogrs as number | null,
    registrations,
    convictions,
    previousEnforcementActivity: previousEnforcementActivity as boolean,
    assessment: assessment as Assessment | null,
  }
}

function readAssessment(r: InputReader, raw: unknown, field: string): Assessment | undefined {
  const a = r.object(raw, field)
  if (!a) return undefined
  const needs: Partial<Record<Need, NeedSeverity | null>> = {}
  const rawNeeds = r.present(a, 'needs', `${field}.needs`)
  const needsObj = rawNeeds === undefined ? undefined : r.object(rawNeeds, `${field}.needs`)
  if (needsObj) {
    r.noUnknownKeys(needsObj, NEEDS, `${field}.needs`)
    for (const need of NEEDS) {
      if (!(need in needsObj) || needsObj[need] === null) continue
      const sev = r.checkOneOf(needsObj[need], `${field}.needs.${need}`, NEED_SEVERITIES)
      if (sev) needs[need] = sev
    }
  }
  // The women's factors are OASys answers that may simply be unanswered: the object may be left out.
  const womenFactors: WomenFactors = {}
  const wf = 'womenFactors' in a && a.womenFactors != null ? r.object(a.womenFactors, `${field}.womenFactors`) : {}
  if (wf) {
    r.noUnknownKeys(wf, WOMEN_FACTOR_KEYS, `${field}.womenFactors`)
    for (const key of ['IMPULSIVITY', 'TEMPER_CONTROL'] as const) {
      if (wf[key] == null) continue
      const v = r.checkNumber(wf[key], `${field}.womenFactors.${key}`, { min: 0, max: 2, integer: true })
      if (v !== undefined) womenFactors[key] = v
    }
    if (wf.PARENTING_RESPONSIBILITIES != null) {
      const v = r.checkOneOf(wf.PARENTING_RESPONSIBILITIES, `${field}.womenFactors.PARENTING_RESPONSIBILITIES`, [
        'YES',
        'NO',
      ] as const)
      if (v) womenFactors.PARENTING_RESPONSIBILITIES = v
    }
  }
  return { needs, womenFactors }
}
