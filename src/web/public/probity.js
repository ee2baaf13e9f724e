// Progressive enhancement only: every page works without JavaScript.
import { initAll } from '/assets/govuk-frontend.min.js'
// Long forms keep a local draft while typing and offer it back (forms marked data-local-draft).
import '/assets/local-draft.js'
initAll()
