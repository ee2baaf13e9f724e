/** The case-summary feature's public surface: what several features show about one case. */
export { needsAttention, type AttentionItem, type AttentionViewer, type NeedsAttention } from './attention.ts'
export {
  caseGlanceAlongside,
  caseGlanceView,
  caseSection,
  loadCaseGlance,
  navigationOnly,
  type CaseGlance,
  type GlanceNavItem,
  type GlancePerson,
  type GlanceRow,
  type GlanceViewer,
} from './glance.ts'
