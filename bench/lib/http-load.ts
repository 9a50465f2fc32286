import autocannon from "autocannon";
import { processCpuMs } from "./process-cpu";

/** One autocannon run: closed loop, each connection sending its next request on the last response. */
export interface HttpLoad {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Mean response size, for seeing how much a page carries. */
  bytesPerResponse: number;
  requests: number;
  /** Non-2xx answers, socket errors and timeouts together: must be 0 for the figures to count. */
  failures: number;
  /** The server process's CPU time per answered request, when its pid was given (NaN otherwise). */
  cpuMsPerRequest: number;
}

export async function loadHttp(
  url: string,
  {
    connections,
    durationSeconds,
    serverPid,
  }: { connections: number; durationSeconds: number; serverPid?: number },
): Promise<HttpLoad> {
  const cpuBefore = serverPid ? processCpuMs(serverPid) : Number.NaN;
  const result = await autocannon({ url, connections, duration: durationSeconds, timeout: 30 });
  const cpuMs = serverPid ? processCpuMs(serverPid) - cpuBefore : Number.NaN;
  const seconds = result.duration || durationSeconds;
  const answered = result.requests.total;
  return {
    requestsPerSecond: answered / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytesPerResponse: answered ? result.throughput.total / answered : Number.NaN,
    requests: answered,
    failures: result.non2xx + result.errors + result.timeouts,
    cpuMsPerRequest: answered ? cpuMs / answered : Number.NaN,
  };
}
