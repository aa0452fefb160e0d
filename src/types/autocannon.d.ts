/** The part of autocannon's API the soak and the benchmark use (the package ships no types). */
declare module 'autocannon' {
  namespace autocannon {
    type Histogram = Record<'average' | 'mean' | 'max' | 'total' | 'p50' | 'p90' | 'p99', number>;
    type Result = Record<'errors' | 'timeouts' | 'non2xx', number> & { requests: Histogram; latency: Histogram };
    interface Options extends Partial<Record<'connections' | 'duration' | 'amount' | 'timeout' | 'workers', number>> {
      url: string;
      requests?: Record<string, unknown>[];
    }
    type OnResponse = (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void;
    interface Instance extends PromiseLike<Result> {
      on(event: 'response', listener: OnResponse): this;
      on(event: 'tick', listener: () => void): this;
    }
  }
  function autocannon(options: autocannon.Options): autocannon.Instance & Promise<autocannon.Result>;
  export default autocannon;
}
