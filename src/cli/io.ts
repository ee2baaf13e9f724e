/** What a command may touch: its arguments, standard input and output. Tests pass their own. */
export interface CliIo {
  /** Reads the whole of standard input as text. */
  readStdin: () => Promise<string>
  out: (text: string) => void
  err: (text: string) => void
}

/** A command returns its exit status. */
export type Command = (args: string[], io: CliIo) => Promise<number>

export const processIo: CliIo = {
  readStdin: async () => {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks).toString('utf8')
  },
  out: text => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: text => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
}
