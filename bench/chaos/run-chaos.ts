import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import * as Y from "yjs";
import type { Database } from "../../db/client";
import { notes } from "../../db/schema/notes";
import { applyStoredState, readNoteState } from "../../lib/notes/note-store";
import { waitFor } from "../../lib/realtime/testing";
import { freePort, startProductionServer } from "../lib/production-server";
import { checkComments, crossInstanceRecovery, type CommentFigures } from "./checks";
import { startCommenter, type Commenter } from "./commenter";
import { startEditor, tokensIn, type Editor } from "./editor";
import { faultCycle, injectFault, type FaultTargets, type InjectedFault } from "./faults";
import { createChaosMembers, publishChaosThreads } from "./setup";
import { signInOverHttp } from "./sign-in";
import { startRogueClient } from "./rogue-client";
import { startTcpProxy } from "./tcp-proxy";

export interface ChaosOptions {
  members: number;
  editors: number;
  threads: number;
  durationMs: number;
  faultEveryMs: number;
  /**
   * Each member writes a comment every this many ms (jittered by up to half): under Agora's
   * limit of 11 a minute, so what the run measures is faults, not rate limiting.
   */
  commentEveryMs: number;
}

export const smokeChaosOptions: ChaosOptions = {
  members: 6,
  editors: 2,
  threads: 2,
  durationMs: 40_000,
  faultEveryMs: 5_000,
  commentEveryMs: 8_000,
};

export const fullChaosOptions: ChaosOptions = {
  members: 20,
  editors: 5,
  threads: 5,
  durationMs: 240_000,
  faultEveryMs: 10_000,
  commentEveryMs: 8_000,
};

export interface EditFigures {
  typed: number;
  acknowledged: number;
  /** Acknowledged edits missing from the fresh load after every instance restarted. */
  lostAfterRestart: number;
  /** Acknowledged edits missing from the database's own copy. */
  lostInDatabase: number;
  editorsConverged: boolean;
  freshLoadEqualsEditors: boolean;
}

export interface ChaosResult {
  options: ChaosOptions;
  faults: InjectedFault[];
  recoveries: (number | null)[];
  comments: CommentFigures;
  edits: EditFigures;
  drainMs: number;
  /** Deliveries between instances, from acknowledgement to arrival (ms). */
  crossDelays: number[];
  /** Malformed events sent by the rogue clients, and how they were answered (by code). */
  rogue: { sent: number; answers: Map<string, number> };
  /** What the instances logged over the run (restarts included), in data/chaos/. */
  log: { lines: number; sqlLines: number; files: string[] };
}

const logDirectory = "data/chaos";
const jitter = (ms: number) => ms * (0.5 + Math.random());

/**
 * The run: two production instances on one PostgreSQL database, behind a misbehaving TCP proxy;
 * members on both comment and co-edit while faults are injected one after another; then the
 * writing stops, everything drains, and the invariants are read from the database.
 */
export async function runChaos(
  database: { db: Database; url: string; adminUrl: string },
  options: ChaosOptions,
  log: (line: string) => void,
): Promise<ChaosResult> {
  const started = performance.now();
  const now = () => performance.now() - started;
  const databaseUrl = new URL(database.url);
  const databaseName = databaseUrl.pathname.slice(1);
  const proxy = await startTcpProxy({ host: databaseUrl.hostname, port: Number(databaseUrl.port || 5432) });
  const throughProxy = new URL(database.url);
  throughProxy.hostname = "127.0.0.1";
  throughProxy.port = String(proxy.port);
  const admin = postgres(database.adminUrl, { max: 1, onnotice: () => {} });

  const threads = await publishChaosThreads(database.db, options.threads);
  const members = await createChaosMembers(database.db, options.members);
  const ports = [await freePort(), await freePort()];
  mkdirSync(logDirectory, { recursive: true });
  const logFileOf = (port: number) => join(logDirectory, `instance-${ports.indexOf(port) + 1}.log`);
  for (const port of ports) writeFileSync(logFileOf(port), "");
  const start = (port: number) =>
    startProductionServer(
      { url: throughProxy.toString() },
      { port, env: { AGORA_SEED_DEMO: "false" }, logFile: logFileOf(port) },
    );
  const instances = await Promise.all(
    ports.map(async (port) => ({ current: await start(port), restart: () => start(port) })),
  );
  const urls = instances.map((instance) => instance.current.url);
  log(`Two instances on ${urls.join(" and ")}, database through a proxy on port ${proxy.port}.`);

  const cookies = await Promise.all(members.map((m) => signInOverHttp(urls[0]!, m.email, m.password)));
  const commenters: Commenter[] = members.map((member, index) => {
    const thread = threads[index % threads.length]!;
    return startCommenter({
      name: member.name,
      // Members of a thread alternate between the instances, so every thread crosses them.
      url: urls[Math.floor(index / threads.length) % 2]!,
      instance: Math.floor(index / threads.length) % 2,
      cookie: cookies[index]!,
      threadId: thread.id,
      takeawayIds: thread.takeawayIds,
      now,
    });
  });
  const editors: Editor[] = members.slice(0, options.editors).map((member, index) =>
    startEditor({
      name: `E${index + 1}`,
      url: urls[index % 2]!,
      cookie: cookies[index]!,
      threadId: threads[0]!.id,
    }),
  );

  const rogues = urls.map((url) => startRogueClient(url));
  const timers = new Set<NodeJS.Timeout>();
  let writing = true;
  const every = (ms: () => number, action: () => void) => {
    const tick = () => {
      if (!writing) return;
      action();
      const timer = setTimeout(tick, ms());
      timers.add(timer);
    };
    timers.add(setTimeout(tick, ms()));
  };
  for (const commenter of commenters)
    every(
      () => jitter(options.commentEveryMs),
      () => commenter.post(),
    );
  for (const editor of editors)
    every(
      () => 40 + Math.random() * 80,
      () => editor.type(),
    );

  const targets: FaultTargets = { admin, databaseName, proxy, instances, now };
  const faults: InjectedFault[] = [];
  for (let round = 0; now() < options.durationMs - options.faultEveryMs / 2; round++) {
    await new Promise((resolve) => setTimeout(resolve, options.faultEveryMs));
    const fault = await injectFault(
      faultCycle[round % faultCycle.length]!,
      Math.floor(round / faultCycle.length),
      targets,
    );
    faults.push(fault);
    log(
      `${(fault.at / 1000).toFixed(1)} s: ${fault.kind} (${fault.detail}), over in ${((fault.endedAt - fault.at) / 1000).toFixed(1)} s.`,
    );
  }

  writing = false;
  for (const timer of timers) clearTimeout(timer);
  for (const rogue of rogues) rogue.close();
  const drainStarted = now();
  // Every member writes once more: a reader still missing something notices the hole and catches up.
  for (const commenter of commenters) commenter.post();
  await waitFor(() => commenters.every((commenter) => commenter.unacknowledged() === 0), {
    timeoutMs: 60_000,
    intervalMs: 200,
    message: "every comment to be acknowledged",
  }).catch((error: unknown) => {
    log(String(error));
    for (const commenter of commenters)
      for (const comment of commenter.pending())
        log(`  ${comment.body}: ${comment.attempts} attempts, last ${comment.lastError ?? "no answer yet"}`);
  });
  const expectedViews = async () => {
    const figures = await checkComments(database.db, commenters);
    return figures.viewsMatching === figures.views;
  };
  await waitFor(expectedViews, { timeoutMs: 30_000, intervalMs: 500, message: "every view to match" }).catch(
    (error: unknown) => log(String(error)),
  );
  await waitFor(() => editors.every((editor) => editor.settled()), {
    timeoutMs: 30_000,
    intervalMs: 200,
    message: "every editor to have nothing unsaved",
  }).catch((error: unknown) => log(String(error)));
  const converged = () => new Set(editors.map((editor) => tokensIn(editor.doc).size)).size <= 1;
  await waitFor(converged, { timeoutMs: 15_000, intervalMs: 200, message: "editors to converge" }).catch(
    (error: unknown) => log(String(error)),
  );
  const drainMs = now() - drainStarted;
  const comments = await checkComments(database.db, commenters);
  const recoveries = crossInstanceRecovery(commenters, faults);
  const crossDelays = commenters.flatMap((author) =>
    author.sent.flatMap((comment) =>
      commenters
        .filter((reader) => reader.threadId === author.threadId && reader.instance !== author.instance)
        .map((reader) => (comment.postId ? reader.arrivals.get(comment.postId) : undefined))
        .filter((arrival): arrival is number => arrival !== undefined && comment.ackedAt !== null)
        .map((arrival) => Math.max(0, arrival - comment.ackedAt!)),
    ),
  );

  const editorDocs = editors.map((editor) => Y.encodeStateVector(editor.doc).join());
  const acknowledgedEdits = new Set(editors.flatMap((editor) => [...editor.acknowledged]));
  for (const commenter of commenters) commenter.close();
  for (const editor of editors) editor.close();

  // Every instance goes down and comes back: what a fresh reader loads must hold every acknowledged edit.
  for (const instance of instances) {
    await instance.current.close();
    instance.current = await instance.restart();
  }
  const reader = startEditor({
    name: "lecteur",
    url: instances[0]!.current.url,
    cookie: cookies[0]!,
    threadId: threads[0]!.id,
  });
  await waitFor(() => reader.settled(), {
    timeoutMs: 30_000,
    message: "a fresh reader to load the synthesis",
  }).catch((error: unknown) => log(String(error)));
  const fresh = tokensIn(reader.doc);
  const [note] = await database.db
    .select({ id: notes.id })
    .from(notes)
    .where(eq(notes.threadId, threads[0]!.id));
  const stored = new Y.Doc();
  if (note) applyStoredState(stored, await readNoteState(database.db, note.id));
  const inDatabase = tokensIn(stored);
  const edits: EditFigures = {
    typed: editors.reduce((sum, editor) => sum + editor.typed, 0),
    acknowledged: acknowledgedEdits.size,
    lostAfterRestart: [...acknowledgedEdits].filter((token) => !fresh.has(token)).length,
    lostInDatabase: [...acknowledgedEdits].filter((token) => !inDatabase.has(token)).length,
    editorsConverged: new Set(editorDocs).size <= 1 && converged(),
    freshLoadEqualsEditors: editors.every((editor) => sameTokens(tokensIn(editor.doc), fresh)),
  };
  reader.close();

  for (const instance of instances) await instance.current.close();
  await proxy.close();
  await admin.end();
  const logs = ports.map((port) => readFileSync(logFileOf(port), "utf8"));
  const logLines = logs.flatMap((log) => log.split("\n").filter(Boolean));
  return {
    options,
    faults,
    recoveries,
    comments,
    edits,
    drainMs,
    crossDelays,
    rogue: {
      sent: rogues.reduce((sum, rogue) => sum + rogue.sent, 0),
      answers: rogues.reduce((all, rogue) => {
        for (const [code, count] of rogue.answers) all.set(code, (all.get(code) ?? 0) + count);
        return all;
      }, new Map<string, number>()),
    },
    log: {
      lines: logLines.length,
      sqlLines: logLines.filter((line) => /Failed query|^params:/.test(line)).length,
      files: ports.map(logFileOf),
    },
  };
}

function sameTokens(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((token) => b.has(token));
}
