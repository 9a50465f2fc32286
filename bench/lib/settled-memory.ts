import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** RSS and heap of this process after forced garbage collection. */
export function settledMemory(): { rss: number; heapUsed: number } {
  // Two passes: the first frees what finalizers release.
  gc();
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}
