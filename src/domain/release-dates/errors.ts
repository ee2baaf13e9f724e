/** Why a request was refused. Stable codes so a web form can map them to field errors. */
export type RequestErrorCode =
  | 'INVALID_REQUEST'
  | 'INVALID_DATE'
  | 'INVALID_LENGTH'
  | 'UNKNOWN_SENTENCE_TYPE'
  | 'DUPLICATE_REF'
  | 'UNKNOWN_CONSECUTIVE_REF'
  | 'CONSECUTIVE_LOOP'
  | 'UNKNOWN_REGIME'
  | 'INVALID_ADJUSTMENT'
  | 'OUT_OF_SCOPE'

/**
 * A request the calculator refuses to answer. It never returns a date it cannot stand behind.
 *
 * @example
 * throw new ReleaseDateRequestError('UNKNOWN_REGIME', 'unknown regime "sds_33"')
 */
export class ReleaseDateRequestError extends Error {
  constructor(
    readonly code: RequestErrorCode,
    message: string,
  ) {
    super(message)
    this.name = 'ReleaseDateRequestError'
  }
}
