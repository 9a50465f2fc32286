import type { HttpLoad } from "./http-load";
import type { LongThread } from "./long-thread";
import type { BenchSection, Table } from "./report";
import { fixed, ratio } from "./stats";
import type { ThreadTarget, ThreadsOptions } from "../threads";

/** The long-thread benchmarks' tables and notes (bench/threads.ts measures). */
export interface Measured {
  thread: LongThread;
  agora: HttpLoad | null;
  bare: HttpLoad;
  /** Comments the response carried, from a first request outside the measurement. */
  shown: number | null;
}

interface Growth {
  p99: number;
  /** Time per request, from throughput: req/s at the smallest size ÷ req/s at this one. */
  time: number;
  /** The server's CPU time per request at this size ÷ at the smallest. */
  cpu: number;
}

/** Each size's growth against the smallest thread (the first measured). */
function growthOf(measured: Measured[], pick: (entry: Measured) => HttpLoad | null): (Growth | null)[] {
  const base = measured[0] && pick(measured[0]);
  return measured.slice(1).map((entry) => {
    const load = pick(entry);
    return load && base
      ? {
          p99: load.p99 / base.p99,
          time: base.requestsPerSecond / load.requestsPerSecond,
          cpu: load.cpuMsPerRequest / base.cpuMsPerRequest,
        }
      : null;
  });
}

/** Agora's growth over the baseline's in the same run: what is left once the machine's drift is out. */
function corrected(agora: (Growth | null)[], bare: (Growth | null)[]): (Growth | null)[] {
  return agora.map((growth, index) => {
    const drift = bare[index];
    return growth && drift
      ? { p99: growth.p99 / drift.p99, time: growth.time / drift.time, cpu: growth.cpu / drift.cpu }
      : null;
  });
}

/** A slow page serves under one request a second: keep a decimal there. */
export const perSecond = (value: number) => fixed(value, value < 10 ? 1 : 0);

export function reportThreads(
  target: ThreadTarget,
  measured: Measured[],
  options: ThreadsOptions,
  notes: string[],
): BenchSection {
  const what = target === "page" ? "thread page (HTML)" : "discussion JSON (first page, general)";
  const line = (size: number, name: string, load: HttpLoad, shown: number | null | string) => [
    size.toLocaleString("en"),
    name,
    perSecond(load.requestsPerSecond),
    fixed(load.p50),
    fixed(load.p99),
    fixed(load.cpuMsPerRequest, 2),
    fixed(load.bytesPerResponse / 1024),
    shown ?? "—",
    load.failures,
  ];
  const results: Table = {
    caption:
      `autocannon, ${options.connections} connections, ${options.durationSeconds} s each after a ` +
      `${options.warmupSeconds} s warm-up; latency in ms; server CPU: the server process's own CPU time per ` +
      "request (/proc), which other work on the machine hardly moves; Agora = production server (next build + server.ts)",
    headers: [
      "comments",
      "server",
      "req/s",
      "p50",
      "p99",
      "server CPU ms/request",
      "KiB/response",
      "comments carried",
      "failures",
    ],
    rows: measured.flatMap(({ thread, agora, bare, shown }) => [
      ...(agora ? [line(thread.size, `Agora ${what}`, agora, shown)] : []),
      line(thread.size, "bare node:http + keyset query", bare, "≤ 11 rows"),
    ]),
  };
  const tables: Table[] = [results];
  const first = measured[0];
  if (measured.some((entry) => entry.agora)) {
    tables.push({
      caption: "Agora / bare (req/s: below 1 means Agora serves fewer; p99: above 1 means Agora is slower)",
      headers: ["comments", "req/s", "p50", "p99", "server CPU per request"],
      rows: measured.map(({ thread, agora, bare }) => [
        thread.size.toLocaleString("en"),
        agora ? ratio(agora.requestsPerSecond, bare.requestsPerSecond) : "n/a",
        agora ? ratio(agora.p50, bare.p50) : "n/a",
        agora ? ratio(agora.p99, bare.p99) : "n/a",
        agora ? ratio(agora.cpuMsPerRequest, bare.cpuMsPerRequest) : "n/a",
      ]),
    });
  }
  if (first && measured.length > 1) {
    const sizeOf = (entry: Measured) => entry.thread.size.toLocaleString("en");
    const agora = growthOf(measured, (entry) => entry.agora);
    const bare = growthOf(measured, (entry) => entry.bare);
    const row = (name: string, values: (Growth | null)[]) => [
      name,
      ...values.flatMap((value) =>
        value ? [ratio(value.cpu, 1), ratio(value.p99, 1), ratio(value.time, 1)] : ["n/a", "n/a", "n/a"],
      ),
    ];
    tables.push({
      caption:
        `Growth against the ${sizeOf(first)}-comment thread: server CPU per request at N ÷ at ${sizeOf(first)}, ` +
        `p99 at N ÷ p99 at ${sizeOf(first)}, and time per ` +
        `request (req/s at ${sizeOf(first)} ÷ req/s at N); 1.00× means no growth. The bare server's keyset ` +
        "query does not grow with the thread, so its row is mostly the machine's drift; the last row divides it out",
      headers: [
        "server",
        ...measured
          .slice(1)
          .flatMap((entry) => [
            `CPU ${sizeOf(entry)}`,
            `p99 ${sizeOf(entry)}`,
            `time/request ${sizeOf(entry)}`,
          ]),
      ],
      rows: first.agora
        ? [row(`Agora ${what}`, agora), row("bare", bare), row("Agora ÷ bare", corrected(agora, bare))]
        : [row("bare", bare)],
    });
  }
  notes.push(...aimNotes(target, measured, options));
  const failures = measured.reduce(
    (sum, entry) => sum + (entry.agora?.failures ?? 0) + entry.bare.failures,
    0,
  );
  if (failures)
    notes.push(`${failures} failed requests (non-2xx, errors or timeouts): figures not reliable.`);
  return {
    title: target === "page" ? "Long threads: the thread page" : "Long threads: the discussion JSON endpoint",
    tables,
    notes,
  };
}

function aimNotes(target: ThreadTarget, measured: Measured[], options: ThreadsOptions): string[] {
  const first = measured[0];
  const last = measured.at(-1);
  if (!first?.agora || !last?.agora || first === last) return [];
  const [agora] = growthOf([first, last], (entry) => entry.agora);
  const [drift] = corrected(
    growthOf([first, last], (entry) => entry.agora),
    growthOf([first, last], (entry) => entry.bare),
  );
  if (!agora || !drift) return [];
  const sizes = `${first.thread.size.toLocaleString("en")} → ${last.thread.size.toLocaleString("en")} comments`;
  const figures =
    `server CPU per request ${fixed(agora.cpu, 2)}×, p99 ${fixed(agora.p99, 2)}×, time per request ${fixed(agora.time, 2)}× ` +
    `(p99 and time over the bare server's own drift: ${fixed(drift.p99, 2)}×, ${fixed(drift.time, 2)}×)`;
  const carried =
    first.shown !== null && last.shown !== null
      ? ` The response carries ${last.shown} comments at the largest size, ${first.shown} at the smallest.`
      : "";
  if (target === "json") return [`Growth ${sizes} (must stay near 1): ${figures}.${carried}`];
  const verdict =
    options.durationSeconds < 10
      ? "no verdict from measurements this short"
      : agora.cpu <= 1.3 && agora.p99 <= 1.3 && agora.time <= 1.3
        ? "met"
        : "missed";
  return [
    `Aim: thread page at the largest size within 1.3× of the smallest (${sizes}): ${figures}: ${verdict}.${carried}`,
  ];
}
