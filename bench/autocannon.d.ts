// The little of autocannon's API the HTTP benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface RequestParams {
    method?: string
    path?: string
    body?: string
    headers?: Record<string, string>
  }
  interface Client {
    on(event: 'response', listener: (statusCode: number, resBytes: number, responseTime: number) => void): void
  }
  interface Options {
    url: string
    connections?: number
    duration?: number
    amount?: number
    overallRate?: number
    requests?: { setupRequest?: (req: RequestParams) => RequestParams }[]
    setupClient?: (client: Client) => void
  }
  interface Result {
    errors: number
    timeouts: number
    non2xx: number
  }
  function autocannon(options: Options): Promise<Result> & { stop(): void }
  export default autocannon
}
