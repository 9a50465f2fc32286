import type postgres from "postgres";
import type { ProductionServer } from "../lib/production-server";
import type { TcpProxy } from "./tcp-proxy";

/** One fault the run injected, with when it started and when the system was whole again. */
export interface InjectedFault {
  kind: FaultKind;
  detail: string;
  at: number;
  /** When the fault was lifted (the server back up, connections allowed again, the stall over). */
  endedAt: number;
}

export type FaultKind =
  | "kill -9 and restart"
  | "connections terminated"
  | "database refused 3 s"
  | "proxy reset"
  | "proxy stall 3 s";

export const faultCycle: FaultKind[] = [
  "kill -9 and restart",
  "connections terminated",
  "proxy reset",
  "database refused 3 s",
  "proxy stall 3 s",
];

export interface FaultTargets {
  /** A connection to another database of the same server (faults never cut it). */
  admin: postgres.Sql;
  databaseName: string;
  proxy: TcpProxy;
  instances: { current: ProductionServer; restart(): Promise<ProductionServer> }[];
  now: () => number;
}

const outageMs = 3_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Cuts every connection to Agora's own database, as a failover or an admin does; other
 * databases on the server are untouched. Returns how many were cut.
 */
async function terminateConnections(targets: FaultTargets): Promise<number> {
  const rows = await targets.admin<{ pid: number }[]>`
    select pg_terminate_backend(pid) as pid from pg_stat_activity
    where datname = ${targets.databaseName} and pid <> pg_backend_pid()`;
  return rows.length;
}

export async function injectFault(
  kind: FaultKind,
  round: number,
  targets: FaultTargets,
): Promise<InjectedFault> {
  const at = targets.now();
  const done = (detail: string): InjectedFault => ({ kind, detail, at, endedAt: targets.now() });
  switch (kind) {
    case "kill -9 and restart": {
      const index = round % targets.instances.length;
      const instance = targets.instances[index]!;
      await instance.current.crash();
      instance.current = await instance.restart();
      return done(`instance ${index + 1}`);
    }
    case "connections terminated":
      return done(`${await terminateConnections(targets)} connections`);
    case "database refused 3 s": {
      await targets.admin.unsafe(`alter database "${targets.databaseName}" allow_connections false`);
      let cut = 0;
      try {
        cut = await terminateConnections(targets);
        await sleep(outageMs);
      } finally {
        await targets.admin.unsafe(`alter database "${targets.databaseName}" allow_connections true`);
      }
      return done(`${cut} connections cut, new ones refused`);
    }
    case "proxy reset":
      return done(`${targets.proxy.reset()} connections reset`);
    case "proxy stall 3 s":
      return done(`${await targets.proxy.stall(outageMs)} connections stalled`);
  }
}
