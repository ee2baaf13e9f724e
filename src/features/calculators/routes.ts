import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { calculateReleaseDates, ReleaseDateRequestError } from '../../domain/release-dates/index.ts'
import type { Clock } from '../../clock.ts'
import { formBody } from '../../web/forms.ts'
import {
  addSentence,
  emptyForm,
  engineErrorToFieldErrors,
  readForm,
  removeSentence,
  toReleaseDateRequest,
  type CalculatorForm,
  type FormError,
} from './forms.ts'
import { presentForm, presentResult, type ResultView } from './presenters.ts'

const PAGE = 'calculators/views/release-dates.njk'
const PAGE_TITLE = 'Calculate release dates'

function render(reply: FastifyReply, form: CalculatorForm, extra: { errors?: FormError[]; result?: ResultView } = {}) {
  return reply.render(PAGE, {
    pageTitle: PAGE_TITLE,
    form: presentForm(form, extra.errors),
    errors: extra.errors,
    result: extra.result,
  })
}

/**
 * The release-date calculator page (its default calculation date is today in England and Wales). Nothing is stored and no person's record is read, so there is no service,
 * transaction or audit row: the form goes straight to the pure engine.
 */
export const calculatorRoutes: FastifyPluginAsyncTypebox<{ clock: Clock }> = async (app, { clock }) => {
  app.get('/calculators/release-dates', { config: { access: 'calculate' } }, async (_request, reply) => {
    return render(reply, emptyForm(clock.today()))
  })

  app.post(
    '/calculators/release-dates',
    { config: { access: 'calculate' }, schema: { body: formBody(200) } },
    async (request, reply) => {
      const { form, action } = readForm(request.body)
      if (action.kind === 'add-sentence') return render(reply, addSentence(form))
      if (action.kind === 'remove-sentence') return render(reply, removeSentence(form, action.index))

      const booking = toReleaseDateRequest(form, clock.today())
      if ('errors' in booking) return render(reply.status(400), form, { errors: booking.errors })
      try {
        const result = calculateReleaseDates(booking.request, { calculationDate: booking.calculationDate })
        return render(reply, form, { result: presentResult(result, booking) })
      } catch (error) {
        if (error instanceof ReleaseDateRequestError)
          return render(reply.status(400), form, { errors: engineErrorToFieldErrors(error) })
        throw error
      }
    },
  )
}
