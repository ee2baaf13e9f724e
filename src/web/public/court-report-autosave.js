// Progressive enhancement for the pre-sentence report (src/features/court): saves the draft a few seconds after
// the writer stops typing, as a new version, exactly as the "Save draft" button does. Without JavaScript the
// button is all there is; with it, the button still works.
const form = document.querySelector('form[data-autosave]')
if (form) {
  const status = form.querySelector('[data-qa="autosave-status"]')
  const basedOn = form.querySelector('input[name="basedOn"]')
  const completeBasedOn = document.querySelector('form[data-qa="complete-form"] input[name="basedOn"]')
  let timer
  let saving = false
  let dirty = false
  const say = text => {
    if (status) status.textContent = text
  }
  const save = async () => {
    if (saving || !dirty) return
    saving = true
    dirty = false
    const body = new URLSearchParams(new FormData(form))
    body.set('autosave', '1')
    try {
      const response = await fetch(form.dataset.autosave, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body,
        credentials: 'same-origin',
      })
      if (response.redirected && new URL(response.url).pathname === '/sign-in') {
        // Signed out (timed out): nothing was saved. Save draft keeps the report through signing in again.
        dirty = true
        say(
          'You have been signed out, so this was not saved automatically. Use Save draft: you will be asked to sign in again and your report will be kept.',
        )
        return
      }
      const result = await response.json()
      if (response.ok) {
        basedOn.value = String(result.versionNumber)
        if (completeBasedOn) completeBasedOn.value = String(result.versionNumber)
        say(
          `Draft saved automatically (version ${result.versionNumber}) at ${new Date().toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`,
        )
      } else {
        say(result?.error?.message ?? 'The draft could not be saved automatically. Use Save draft.')
      }
    } catch {
      dirty = true
      say('The draft could not be saved automatically. Check your connection, then use Save draft.')
    } finally {
      saving = false
    }
  }
  form.addEventListener('input', () => {
    dirty = true
    clearTimeout(timer)
    timer = setTimeout(save, 5000)
  })
  form.addEventListener('submit', () => clearTimeout(timer))
}
