/** The part of autocannon 8's API the benchmarks use (the package ships no types). */
declare module 'autocannon' {
  type Histogram = { average: number; p50: number; p99: number }
  type Result = {
    requests: Histogram
    latency: Histogram
    errors: number
    timeouts: number
    non2xx: number
    duration: number
    statusCodeStats: Record<string, { count: number }>
  }
  type RawRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string }
  export default function autocannon(options: {
    url: string
    connections?: number
    duration?: number
    amount?: number
    requests?: (RawRequest & { setupRequest?: (request: RawRequest) => RawRequest })[]
  }): Promise<Result>
}
