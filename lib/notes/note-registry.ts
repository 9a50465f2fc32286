import * as Y from "yjs";
import type { Database } from "../../db/client";
import { AppError } from "../errors";
import { logFailure } from "../log/describe-error";
import { LiveNote } from "./live-note";
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

  /** Never throws: each waiting update is resolved or rejected. */
  private async storeClientUpdates(note: LiveNote, waiting: PendingClientUpdate[]): Promise<void> {
    const applied: { pending: PendingClientUpdate; change: Uint8Array }[] = [];
    for (const pending of waiting) {
      try {
        const change = this.applyClientUpdate(note, pending.update, pending.authorId);
        if (change) applied.push({ pending, change });
        else pending.resolve(null);
      } catch (error) {
        pending.reject(error);
      }
    }
    if (applied.length === 0) return;
    let stored: StoredChange[];
    try {
      stored = await this.storeChanges(
        note,
        applied.map(({ pending, change }) => ({ change, authorId: pending.authorId })),
      );
    } catch (error) {
      for (const { pending } of applied) pending.reject(error);
      return;
    }
    stored.forEach((change, index) => {
      const { pending } = applied[index]!;
      try {
        pending.publish(change);
      } catch (error) {
        this.report("Publishing a note change failed", error);
      }
      pending.resolve(change);
    });
  }

  /**
   * Applies a client's update, stores what it changed and returns it for broadcasting; null
   * when it changed nothing. Must run inside `note.run`.
   */
  async storeClientUpdate(
    note: LiveNote,
    update: Uint8Array,
    authorId: string,
  ): Promise<StoredChange | null> {
    const change = this.applyClientUpdate(note, update, authorId);
    if (!change) return null;
    const [stored] = await this.storeChanges(note, [{ change, authorId }]);
    return stored!;
  }

  /** Applies a client's update to the live doc and returns what it changed (to be stored next). */
  private applyClientUpdate(note: LiveNote, update: Uint8Array, authorId: string): Uint8Array | null {
    if (note.size + update.byteLength > this.settings.maxDocumentBytes) {
      assertDocumentSize(note.exactSize() + update.byteLength, this.settings);
    }
    const origin = Symbol(authorId);
    let change = note.apply(update, origin);
    // A part Yjs set aside (it needs structs not seen yet) is stored as received, or a restart would lose it.
    if (note.hasPendingStructs()) change = change ? Y.mergeUpdates([change, update]) : update;
    if (change) note.size += change.byteLength;
    return change;
  }

  /** Stores a change already applied to the live doc; on failure reloads the doc from the database. */
  async storeChange(note: LiveNote, change: Uint8Array, authorId: string): Promise<StoredChange> {
    note.size += change.byteLength;
    const [stored] = await this.storeChanges(note, [{ change, authorId }]);
    return stored!;
  }

  /** Stores changes already applied to the live doc, in their order; on failure reloads the doc. */
  private async storeChanges(
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
      // The doc now holds changes the database does not: start again from what is stored.
      await this.reload(note).catch((reloadError: unknown) =>
        this.report("Reloading a note failed", reloadError),
      );
      throw new AppError(
        "unavailable:note_store",
        "La modification n’a pas pu être enregistrée. Réessayez.",
        {
          cause: error,
        },
      );
    }
    const result = changes.map(({ change, authorId }, index) => {
      const seq = stored.firstSeq + index;
      note.markKnown(seq);
      note.authorsSinceVersion.add(authorId);
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

  private async reload(note: LiveNote): Promise<void> {
    const state = await readNoteState(this.db, note.noteId);
    const doc = new Y.Doc();
    applyStoredState(doc, state, storedOrigin);
    note.replaceDoc({ doc, appliedSeq: state.lastSeq });
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
    Y.applyUpdate(note.doc, change.update, storedOrigin);
    note.size += change.update.byteLength;
  }

  /**
   * A seq is missing (a lost server-side message, or instances without a shared adapter):
   * read what follows `appliedSeq` from the database. The grace delay lets an in-flight
   * message or a write of our own land first.
   */
  private scheduleCatchUp(note: LiveNote, delayMs = 500) {
    if (this.catchUpTimers.has(note.noteId)) return;
    const timer = setTimeout(() => {
      this.catchUpTimers.delete(note.noteId);
      if (this.live.get(note.noteId) !== note || !note.hasGap()) return;
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
    const change = note.transact((doc) => applyStoredState(doc, state, storedOrigin), storedOrigin);
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
