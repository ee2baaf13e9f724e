// Progressive enhancement for long forms (issue 13, item 7: work is never lost): a form marked `data-local-draft`
// (its value: who is signed in) keeps what is typed in this browser's localStorage, a second after typing stops,
// keyed by the user and the path the form posts to. When the page is opened again with a draft that differs from
// what the page shows (the page was closed, reloaded, or the session timed out), a GOV.UK notification banner offers
// to restore it or discard it. A draft is removed once the form has been submitted and the next page is not the form
// again (it was saved), once the page shows the same values, when the user signs out, and after a day.
// Without JavaScript, or without localStorage, the form works exactly as before.

const PREFIX = 'probity-draft:'
const MAX_AGE_MS = 24 * 60 * 60 * 1000
const SKIPPED_TYPES = new Set(['hidden', 'password', 'file', 'submit', 'button', 'reset', 'image'])

const storage = (() => {
  try {
    const s = window.localStorage
    s.setItem(`${PREFIX}test`, '1')
    s.removeItem(`${PREFIX}test`)
    return s
  } catch {
    return undefined
  }
})()

const pathOf = form => new URL(form.getAttribute('action') || window.location.pathname, window.location.href).pathname
const keyOf = form => `${PREFIX}${form.dataset.localDraft || ''}:${pathOf(form)}`

/** The fields worth keeping, in document order: what the user can type or choose. */
function fieldsOf(form) {
  return [...form.elements].filter(
    el => el.name && !el.disabled && !SKIPPED_TYPES.has(el.type) && el.name !== '_csrf' && !/password/i.test(el.name),
  )
}

function snapshot(form) {
  return fieldsOf(form).map(el =>
    el.type === 'checkbox' || el.type === 'radio'
      ? { name: el.name, value: el.value, checked: el.checked }
      : { name: el.name, value: el.value },
  )
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b)

function read(key) {
  try {
    const draft = JSON.parse(storage.getItem(key) || 'null')
    return draft && Array.isArray(draft.fields) ? draft : undefined
  } catch {
    return undefined
  }
}

function write(key, draft) {
  try {
    storage.setItem(key, JSON.stringify(draft))
  } catch {
    // Storage full or refused: the form still works; there is just no local copy.
  }
}

function restore(form, fields) {
  const elements = fieldsOf(form)
  const used = new Set()
  for (const field of fields) {
    const el = elements.find(
      e =>
        !used.has(e) &&
        e.name === field.name &&
        ('checked' in field ? e.value === field.value : e.type !== 'checkbox' && e.type !== 'radio'),
    )
    if (!el) continue
    used.add(el)
    if ('checked' in field) el.checked = field.checked
    else el.value = field.value
  }
  form.dispatchEvent(new Event('input', { bubbles: true }))
}

function savedAtInWords(savedAt) {
  const at = new Date(savedAt)
  const time = at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })
  if (at.toDateString() === new Date().toDateString()) return time
  return `${time} on ${at.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}`
}

function element(tag, attributes, text) {
  const el = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value)
  if (text) el.textContent = text
  return el
}

/** The GOV.UK notification banner offering the draft back, above the form. */
function offer(form, draft, key) {
  const id = `local-draft-title-${Math.random().toString(36).slice(2, 8)}`
  const banner = element('div', {
    class: 'govuk-notification-banner',
    role: 'region',
    'aria-labelledby': id,
    'data-qa': 'local-draft-banner',
  })
  const header = element('div', { class: 'govuk-notification-banner__header' })
  header.append(element('h2', { class: 'govuk-notification-banner__title', id }, 'Important'))
  const content = element('div', { class: 'govuk-notification-banner__content' })
  content.append(
    element(
      'p',
      { class: 'govuk-notification-banner__heading' },
      `You have unsaved changes from ${savedAtInWords(draft.savedAt)}`,
    ),
    element('p', { class: 'govuk-body' }, 'They were kept in this browser. Restore them to carry on, or discard them.'),
  )
  const buttons = element('div', { class: 'govuk-button-group' })
  const restoreButton = element(
    'button',
    { type: 'button', class: 'govuk-button', 'data-qa': 'local-draft-restore' },
    'Restore',
  )
  const discardButton = element(
    'button',
    { type: 'button', class: 'govuk-button govuk-button--secondary', 'data-qa': 'local-draft-discard' },
    'Discard',
  )
  buttons.append(restoreButton, discardButton)
  content.append(buttons)
  banner.append(header, content)
  form.before(banner)
  banner.setAttribute('tabindex', '-1')
  const close = message => {
    banner.replaceChildren(element('p', { class: 'govuk-body govuk-!-margin-bottom-0', role: 'status' }, message))
    banner.className = 'govuk-inset-text'
    banner.removeAttribute('role')
    banner.removeAttribute('aria-labelledby')
  }
  restoreButton.addEventListener('click', () => {
    restore(form, draft.fields)
    close('Your unsaved changes have been restored. Check them, then save.')
  })
  discardButton.addEventListener('click', () => {
    storage.removeItem(key)
    close('Your unsaved changes have been discarded.')
  })
}

function keep(form) {
  const key = keyOf(form)
  const initial = snapshot(form)
  const existing = read(key)
  if (existing) {
    if (Date.now() - existing.savedAt > MAX_AGE_MS || same(existing.fields, initial)) storage.removeItem(key)
    else offer(form, existing, key)
  }
  let timer
  const save = submitted => {
    clearTimeout(timer)
    timer = undefined
    const fields = snapshot(form)
    if (same(fields, initial) && !read(key)) return
    write(key, { savedAt: Date.now(), fields, ...(submitted ? { submitted: true } : {}) })
  }
  form.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(() => save(false), 1000)
  })
  form.addEventListener('change', () => save(false))
  form.addEventListener('submit', () => save(true))
  window.addEventListener('pagehide', () => {
    if (timer) save(false)
  })
}

/**
 * A submitted draft whose form is not on this page was saved (the next page came): it is removed. Not on the
 * sign-in page or an error page, where the submission did not go through.
 */
function forgetSubmitted(forms) {
  if (window.location.pathname.startsWith('/sign-in') || document.querySelector('[data-qa="error-heading"]')) return
  const here = new Set(forms.map(keyOf))
  for (let i = storage.length - 1; i >= 0; i--) {
    const key = storage.key(i)
    if (!key?.startsWith(PREFIX) || here.has(key)) continue
    const draft = read(key)
    if (!draft || draft.submitted || Date.now() - draft.savedAt > MAX_AGE_MS) storage.removeItem(key)
  }
}

/** Signing out on purpose removes every draft kept in this browser (a shared computer keeps nobody's notes). */
function forgetOnSignOut() {
  for (const form of document.querySelectorAll(
    'form[action="/sign-out"], form[action="/account/sign-out-everywhere"]',
  )) {
    form.addEventListener('submit', () => {
      for (let i = storage.length - 1; i >= 0; i--) {
        const key = storage.key(i)
        if (key?.startsWith(PREFIX)) storage.removeItem(key)
      }
    })
  }
}

if (storage) {
  const forms = [...document.querySelectorAll('form[data-local-draft]')]
  forgetSubmitted(forms)
  forgetOnSignOut()
  forms.forEach(keep)
}
