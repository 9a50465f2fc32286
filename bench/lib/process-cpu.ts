import { readFileSync } from "node:fs";

// Linux counts a process's CPU time in clock ticks, 100 a second on every common kernel.
const ticksPerSecond = 100;

/**
 * CPU time (user + system) a process has used so far, in milliseconds, from /proc; NaN where
 * there is no /proc. Unlike throughput and latency, it hardly moves with what else the machine
 * is doing, so it tells a server's own cost per request on a shared machine.
 */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (in parentheses, which may hold spaces): utime is the 14th
    // field of the line, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return Number.NaN;
  }
}
