// autocannon ships no types; the bench uses only this much of its programmatic API.
declare module 'autocannon' {
  type Client = { setHeaders(headers: Record<string, string>): void };
  type Options = {
    url: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
    timeout?: number;
    setupClient?: (client: Client) => void;
  };
  type Result = {
    requests: { total: number; average: number };
    non2xx: number;
    errors: number;
    timeouts: number;
    duration: number;
  };
  type Instance = Promise<Result> & {
    stop(): void;
    on(event: 'response', cb: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
  };
  function autocannon(opts: Options): Instance;
  export default autocannon;
}
