import * as Y from "yjs";
import type { Database } from "../../db/client";
import { AppError } from "../errors";
import { logFailure } from "../log/describe-error";
import { LiveNote } from "./live-note";
import { assertNoteSchema } from "./note-schema";
import { assertDocumentSize, resolveNoteSettings, type NoteSettings } from "./note-settings";
import {
  appendNoteUpdates,
  applyStoredState,
  compactNote,
  readNoteState,
  saveNoteRendering,
} from "./note-store";
import { latestNoteVersionAt, takeNoteVersion, type VersionOfLiveNote } from "./note-versions";

export interface RegistryHooks {
  /** Updates this instance fetched from the database to fill a gap: its own clients need them too. */
  onCaughtUp?: (noteId: string, update: Uint8Array) => void;
  onError?: (message: string, cause: unknown) => void;
}

export interface StoredChange {
  seq: number;
  update: Uint8Array;
}

interface PendingClientUpdate {
  update: Uint8Array;
  authorId: string;
  publish: (change: StoredChange) => void;
  resolve: (change: StoredChange | null) => void;
  reject: (error: unknown) => void;
}

/** Marks changes read back from the database, so they are not stored a second time. */
const storedOrigin = Symbol("stored");

const incompleteUpdate = () =>
  new AppError(
    "conflict:note_update_incomplete",
    "Cette modification s’appuie sur des changements que le serveur n’a pas (encore)\u202f: elle sera renvoyée après une nouvelle synchronisation.",
  );

/**
 * Parts of stored updates still waiting for predecessors once everything stored is applied
 * will never integrate (stored seqs follow the order changes were made in): byte-mutated
 * updates stored before updates were checked. Dropped, or every later update would be
 * compared against them.
 */
function dropStuckStructs(doc: Y.Doc, noteId: string, report: (message: string, cause: unknown) => void) {
  if (doc.store.pendingStructs === null && doc.store.pendingDs === null) return;
  report(`Note ${noteId} held updates that can never apply; they are ignored`, null);
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
}

/**
 * Holds at most one live Y.Doc per note: loaded on first acquire, dropped (after a final
 * compaction) when the last holder releases it. Every write is stored before it is
 * acknowledged; other instances' writes arrive through `applyRemoteUpdate` or, when one
 * went missing, from the database.
 */
export class NoteRegistry {
  readonly settings: NoteSettings;
  private readonly live = new Map<string, LiveNote>();
  private readonly loading = new Map<string, { promise: Promise<LiveNote>; buffered: StoredChange[] }>();
  private readonly closing = new Map<string, Promise<void>>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly renderTimers = new Map<string, { timer: NodeJS.Timeout; firstAt: number }>();
  private readonly catchUpTimers = new Map<string, NodeJS.Timeout>();
  private readonly compacting = new Set<string>();

  constructor(
    private readonly db: Database,
    settings: Partial<NoteSettings> = {},
    private readonly hooks: RegistryHooks = {},
  ) {
    this.settings = resolveNoteSettings(settings);
  }

  peek(noteId: string): LiveNote | undefined {
    return this.live.get(noteId);
  }

  /** How many notes are live on this instance (for tests and health). */
  get size(): number {
    return this.live.size;
  }

  async acquire(noteId: string): Promise<LiveNote> {
    for (;;) {
      const closing = this.closing.get(noteId);
      if (closing) {
        await closing;
        continue;
      }
      const existing = this.live.get(noteId);
      if (existing) {
        existing.refs += 1;
        return existing;
      }
      let loading = this.loading.get(noteId);
      if (!loading) {
        const buffered: StoredChange[] = [];
        const promise = this.load(noteId, buffered).finally(() => this.loading.delete(noteId));
        loading = { promise, buffered };
        this.loading.set(noteId, loading);
      }
      await loading.promise;
    }
  }

  private async load(noteId: string, buffered: StoredChange[]): Promise<LiveNote> {
    const [state, lastVersionAt] = await Promise.all([
      readNoteState(this.db, noteId),
      latestNoteVersionAt(this.db, noteId),
    ]);
    const doc = new Y.Doc();
    applyStoredState(doc, state, storedOrigin);
    dropStuckStructs(doc, noteId, (message, cause) => this.report(message, cause));
    const note = new LiveNote(noteId, {
      doc,
      appliedSeq: state.lastSeq,
      lastVersionAt: lastVersionAt ?? new Date(),
      loadedBytes: state.updates.reduce(
        (sum, { update }) => sum + update.byteLength,
        state.snapshot?.byteLength ?? 0,
      ),
    });
    // Other instances' writes that arrived while the rows were being read.
    for (const change of buffered) this.integrateRemote(note, change);
    this.live.set(noteId, note);
    return note;
  }

  /** Drops the holder's reference; the last one out compacts, versions and unloads the note. */
  release(noteId: string): Promise<void> {
    const note = this.live.get(noteId);
    if (!note || note.refs <= 0) return Promise.resolve();
    note.refs -= 1;
    if (note.refs > 0) return Promise.resolve();
    const closing = note
      .run(() => this.finish(note))
      .catch((error: unknown) => this.report(`Closing note ${noteId} failed`, error))
      .finally(() => {
        this.live.delete(noteId);
        this.closing.delete(noteId);
        this.clearTimers(noteId);
        note.destroy();
      });
    this.closing.set(noteId, closing);
    return closing;
  }

  private async finish(note: LiveNote): Promise<void> {
    await Promise.allSettled([...this.background]);
    if (note.dirtySinceVersion) await this.takeVersion(note, { kind: "auto" });
    await compactNote(this.db, note.noteId);
  }

  /** Acquires the note for the time of `task` (a restore or a named version without a live editor). */
  async withNote<T>(noteId: string, task: (note: LiveNote) => Promise<T>): Promise<T> {
    const note = await this.acquire(noteId);
    try {
      return await task(note);
    } finally {
      await this.release(noteId);
    }
  }

  /**
   * Queues a client's update on the note. Updates that arrive while the note is busy (storing
   * earlier ones) are applied in arrival order and stored together, in one statement and one
   * commit: a note's writes are serialized, so under load this is what keeps its write rate
   * above the rate editors type at. Resolves once the change is stored and `publish` was called
   * with it (in seq order, inside the note's queue); null when the update changed nothing.
   */
  submitClientUpdate(
    note: LiveNote,
    update: Uint8Array,
    authorId: string,
    publish: (change: StoredChange) => void,
  ): Promise<StoredChange | null> {
    return new Promise((resolve, reject) =>
      note.gather<PendingClientUpdate>({ update, authorId, publish, resolve, reject }, (waiting) =>
        this.storeClientUpdates(note, waiting),
      ),
    );
  }

  /**
   * Never throws: each waiting update is resolved or rejected. Each is staged (checked and
   * applied to the note's draft), then all that changed something are stored in one go, and
   * only then acknowledged: an update that changed nothing is answered after the batch too,
   * since the change it duplicates may be one of this batch's.
   */
  private async storeClientUpdates(note: LiveNote, waiting: PendingClientUpdate[]): Promise<void> {
    const staged: { pending: PendingClientUpdate; change: Uint8Array }[] = [];
    const unchanged: PendingClientUpdate[] = [];
    for (const pending of waiting) {
      try {
        const change = this.stageClientUpdate(note, pending.update);
        if (change) staged.push({ pending, change });
        else unchanged.push(pending);
      } catch (error) {
        pending.reject(error);
      }
    }
    let stored: StoredChange[] = [];
    try {
      if (staged.length > 0) {
        stored = await this.storeStaged(
          note,
          staged.map(({ pending, change }) => ({ change, authorId: pending.authorId })),
        );
      }
    } catch (error) {
      for (const pending of [...staged.map(({ pending }) => pending), ...unchanged]) pending.reject(error);
      return;
    }
    stored.forEach((change, index) => {
      const { pending } = staged[index]!;
      try {
        pending.publish(change);
      } catch (error) {
        this.report("Publishing a note change failed", error);
      }
      pending.resolve(change);
    });
    for (const pending of unchanged) pending.resolve(null);
  }

  /**
   * Stages a client's update, checks it and stores what it changed; null when it changed
   * nothing. Must run inside `note.run`.
   */
  async storeClientUpdate(
    note: LiveNote,
    update: Uint8Array,
    authorId: string,
  ): Promise<StoredChange | null> {
    const change = this.stageClientUpdate(note, update);
    if (!change) return null;
    const [stored] = await this.storeStaged(note, [{ change, authorId }]);
    return stored!;
  }

  /** Applies a client's update to the note's draft (not its doc) and returns what it changed. */
  private stageClientUpdate(note: LiveNote, update: Uint8Array): Uint8Array | null {
    const expected = note.size + note.stagedBytes + update.byteLength;
    if (expected > this.settings.maxDocumentBytes) {
      assertDocumentSize(note.exactSize() + note.stagedBytes + update.byteLength, this.settings);
    }
    try {
      return note.stage(
        update,
        Symbol("client"),
        (transaction) => assertNoteSchema(transaction, this.settings),
        incompleteUpdate,
      );
    } catch (error) {
      if (error instanceof AppError) throw error;
      // Yjs throws plain errors on bytes it cannot integrate (a mutated update that decodes).
      throw new AppError("bad_request:note_update", "Cette modification de la synthèse est illisible.", {
        cause: error,
      });
    }
  }

  /**
   * Runs a server-side edit (a restore) on the note's draft and stores it; null when it changed
   * nothing. Must run inside `note.run`.
   */
  async storeEdit(
    note: LiveNote,
    edit: (doc: Y.Doc) => void,
    authorId: string,
  ): Promise<StoredChange | null> {
    const change = note.stageEdit(edit, Symbol("edit"));
    if (!change) return null;
    const [stored] = await this.storeStaged(note, [{ change, authorId }]);
    return stored!;
  }

  /**
   * Stores the changes staged on the note's draft, in their order, then commits them to its
   * doc. When the write fails they are discarded and refused: their senders keep them and send
   * them again on their next sync. The write may have committed with only its answer lost, so
   * the note also reads back what the database has beyond its doc.
   */
  private async storeStaged(
    note: LiveNote,
    changes: { change: Uint8Array; authorId: string }[],
  ): Promise<StoredChange[]> {
    let stored;
    try {
      stored = await appendNoteUpdates(this.db, {
        noteId: note.noteId,
        updates: changes.map(({ change, authorId }) => ({ update: change, authorId })),
      });
    } catch (error) {
      note.discard();
      this.scheduleCatchUp(note, { force: true, delayMs: 1_000 });
      throw new AppError(
        "unavailable:note_store",
        "La modification n’a pas pu être enregistrée\u202f; elle sera renvoyée dès que possible.",
        { cause: error },
      );
    }
    note.commit();
    const result = changes.map(({ change, authorId }, index) => {
      const seq = stored.firstSeq + index;
      note.markKnown(seq);
      note.authorsSinceVersion.add(authorId);
      note.size += change.byteLength;
      return { seq, update: change };
    });
    if (note.hasGap()) this.scheduleCatchUp(note);
    note.dirtySinceVersion = true;
    this.scheduleRender(note);
    if (Date.now() - note.lastVersionAt.getTime() >= this.settings.autoVersionEveryMs) {
      this.track(this.takeVersion(note, { kind: "auto" }));
    }
    if (stored.lastSeq - stored.snapshotSeq >= this.settings.compactAfterUpdates)
      this.compactInBackground(note.noteId);
    return result;
  }

  /** Another instance stored this update: bring the live copy up to date, if there is one here. */
  applyRemoteUpdate(noteId: string, change: StoredChange): void {
    const loading = this.loading.get(noteId);
    if (loading) {
      loading.buffered.push(change);
      return;
    }
    const note = this.live.get(noteId);
    if (!note) return;
    void note.run(() => {
      this.integrateRemote(note, change);
      if (note.hasGap()) this.scheduleCatchUp(note);
      this.scheduleRender(note);
    });
  }

  private integrateRemote(note: LiveNote, change: StoredChange) {
    if (!note.markKnown(change.seq)) return;
    note.integrate((doc) => Y.applyUpdate(doc, change.update, storedOrigin), storedOrigin);
    note.size += change.update.byteLength;
  }

  /**
   * A seq is missing (a lost server-side message, or instances without a shared adapter):
   * read what follows `appliedSeq` from the database. The grace delay lets an in-flight
   * message or a write of our own land first.
   */
  private scheduleCatchUp(note: LiveNote, { delayMs = 500, force = false } = {}) {
    if (this.catchUpTimers.has(note.noteId)) return;
    const timer = setTimeout(() => {
      this.catchUpTimers.delete(note.noteId);
      if (this.live.get(note.noteId) !== note || (!force && !note.hasGap())) return;
      // Queued on the note, not tracked: closing the note (also queued) waits for tracked work.
      note
        .run(() => this.catchUp(note))
        .catch((error: unknown) => this.report("Catching up a note failed", error));
    }, delayMs);
    timer.unref();
    this.catchUpTimers.set(note.noteId, timer);
  }

  private async catchUp(note: LiveNote): Promise<void> {
    const state = await readNoteState(this.db, note.noteId, note.appliedSeq);
    const change = note.integrate((doc) => applyStoredState(doc, state, storedOrigin), storedOrigin);
    note.markCaughtUp(state.lastSeq);
    note.exactSize();
    if (change) this.hooks.onCaughtUp?.(note.noteId, change);
  }

  /**
   * This instance may have missed other instances' updates (its link to them was down): read
   * whatever follows each live note's applied seq from the database.
   */
  catchUpAll(): void {
    for (const note of this.live.values()) {
      note
        .run(() => this.catchUp(note))
        .catch((error: unknown) => this.report("Catching up a note failed", error));
    }
  }

  private scheduleRender(note: LiveNote) {
    const now = Date.now();
    const pending = this.renderTimers.get(note.noteId);
    if (pending) clearTimeout(pending.timer);
    const firstAt = pending?.firstAt ?? now;
    const delay = Math.max(
      0,
      Math.min(this.settings.renderDebounceMs, firstAt + this.settings.renderMaxWaitMs - now),
    );
    const timer = setTimeout(() => {
      this.renderTimers.delete(note.noteId);
      if (this.live.get(note.noteId) !== note) return;
      this.track(saveNoteRendering(this.db, note.noteId, note.doc));
    }, delay);
    timer.unref();
    this.renderTimers.set(note.noteId, { timer, firstAt });
  }

  private compactInBackground(noteId: string) {
    if (this.compacting.has(noteId)) return;
    this.compacting.add(noteId);
    this.track(compactNote(this.db, noteId).finally(() => this.compacting.delete(noteId)));
  }

  /** Records the live doc's current state as a version; resets who has edited since. */
  takeVersion(note: LiveNote, version: Omit<VersionOfLiveNote, "note">): Promise<{ id: string }> {
    return takeNoteVersion(this.db, { note, ...version });
  }

  private track(promise: Promise<unknown>) {
    const tracked = promise.catch((error: unknown) => this.report("Background note task failed", error));
    this.background.add(tracked);
    void tracked.finally(() => this.background.delete(tracked));
  }

  private report(message: string, cause: unknown) {
    (this.hooks.onError ?? logFailure)(message, cause);
  }

  private clearTimers(noteId: string) {
    const render = this.renderTimers.get(noteId);
    if (render) clearTimeout(render.timer);
    this.renderTimers.delete(noteId);
    const catchUp = this.catchUpTimers.get(noteId);
    if (catchUp) clearTimeout(catchUp);
    this.catchUpTimers.delete(noteId);
  }

  /** Waits for pending work, compacts and unloads every note: for shutdown and tests. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.loading.values()].map((loading) => loading.promise));
    for (const note of this.live.values()) note.refs = Math.min(note.refs, 1);
    await Promise.allSettled([...this.live.keys()].map((noteId) => this.release(noteId)));
    await Promise.allSettled([...this.closing.values()]);
    await Promise.allSettled([...this.background]);
  }
}
