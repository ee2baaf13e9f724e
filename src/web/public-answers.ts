import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { brotliCompress, constants as zlib, gzip } from 'node:zlib'
import { Negotiator } from '@fastify/accept-negotiator'
import type { FastifyReply, FastifyRequest } from 'fastify'

/**
 * Answers of the public face that are the same for everyone (issue 21 item 4): the page or file is made once per
 * version of its data and kept as bytes, with a gzip and a brotli copy, so a request does no rendering, no
 * serialising and no compressing. The copy sent is chosen by Accept-Encoding (`Vary: Accept-Encoding`), and a client
 * that names the version's ETag in If-None-Match gets a 304 with no body.
 *
 * Compression is node:zlib's, not @fastify/compress: that plugin compresses every reply again as it is sent, whereas
 * these bytes are compressed once per version (off the event loop, in libuv's thread pool) and then only copied.
 * Brotli at quality 9 is about as small as 11 here for a fraction of the time.
 */

export type Coding = 'br' | 'gzip' | 'identity'

export interface PublicAnswer {
  /** The version's strong ETag (quoted); each coding's copy carries it with `-br` / `-gzip` added (RFC 9110 §8.8.3). */
  readonly etag: string
  readonly type: string
  /** The bytes per coding; a coding whose copy would not be smaller is left out (the identity bytes are sent). */
  readonly bodies: Readonly<Partial<Record<Coding, Buffer>>> & { readonly identity: Buffer }
}

const gzipAsync = promisify(gzip)
const brotliAsync = promisify(brotliCompress)

/** The answer for one version of a page or file: its bytes, their compressed copies and an ETag (a hash, unless given). */
export async function publicAnswer(body: string | Buffer, type: string, etag?: string): Promise<PublicAnswer> {
  const identity = typeof body === 'string' ? Buffer.from(body) : body
  const [gz, br] = await Promise.all([
    gzipAsync(identity, { level: 9 }),
    brotliAsync(identity, {
      params: {
        [zlib.BROTLI_PARAM_QUALITY]: 9,
        [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length,
        [zlib.BROTLI_PARAM_MODE]: type.startsWith('text/') ? zlib.BROTLI_MODE_TEXT : zlib.BROTLI_MODE_GENERIC,
      },
    }),
  ])
  const tag = etag ?? `"${createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`
  return {
    etag: tag,
    type,
    bodies: {
      identity,
      ...(br.length < identity.length ? { br } : {}),
      ...(gz.length < identity.length ? { gzip: gz } : {}),
    },
  }
}

/**
 * The coding to send for an Accept-Encoding header: brotli, else gzip, else none. A coding with `q=0` is refused;
 * `*` stands for any coding not named.
 *
 * @example
 * codingFor('gzip, deflate, br') // 'br'
 * codingFor('gzip;q=1, br;q=0') // 'gzip'
 * codingFor(undefined) // 'identity'
 */
export function codingFor(header: string | undefined): Coding {
  // Fastify's own negotiator (as @fastify/static uses): q-values, `*`, the order given breaks ties; codings are
  // case-insensitive (RFC 9110 §8.4.1) and it compares them as written.
  return (header ? negotiateCoding.negotiate(header.toLowerCase()) : null) ?? 'identity'
}

const negotiateCoding = new Negotiator<Coding>({ supportedValues: ['br', 'gzip', 'identity'] })

/** The ETag of a version's copy in one coding. */
const etagOf = (etag: string, coding: Coding) => (coding === 'identity' ? etag : etag.replace(/"$/, `-${coding}"`))

/**
 * True when If-None-Match names this version (in any coding's copy: they are the same page) or `*`.
 *
 * @example
 * fresh('W/"abc-gzip", "old"', '"abc"') // true
 */
export function fresh(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch
    .split(',')
    .map(t =>
      t
        .trim()
        .replace(/^W\//, '')
        .replace(/-(br|gzip)"$/, '"'),
    )
    .some(t => t === etag || t === '*')
}

/** Sends the version's copy for the client's Accept-Encoding, or a 304 when it already has the version. */
export function sendPublicAnswer(request: FastifyRequest, reply: FastifyReply, answer: PublicAnswer): FastifyReply {
  const wanted = codingFor(request.headers['accept-encoding'])
  const coding: Coding = answer.bodies[wanted] ? wanted : 'identity'
  reply.header('vary', 'accept-encoding').header('etag', etagOf(answer.etag, coding))
  if (fresh(request.headers['if-none-match'], answer.etag)) return reply.status(304).send()
  if (coding !== 'identity') reply.header('content-encoding', coding)
  return reply.type(answer.type).send(answer.bodies[coding])
}

/**
 * Keeps one answer per version of some data (the version being an object replaced when the data change), made the
 * first time it is asked for; a failed making is not kept.
 */
export function answersByVersion<V extends object>(make: (version: V) => Promise<PublicAnswer>) {
  const answers = new WeakMap<V, Promise<PublicAnswer>>()
  return (version: V): Promise<PublicAnswer> => {
    let answer = answers.get(version)
    if (!answer) {
      answer = make(version)
      answers.set(version, answer)
      answer.catch(() => answers.get(version) === answer && answers.delete(version))
    }
    return answer
  }
}
