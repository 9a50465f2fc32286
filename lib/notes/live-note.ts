import { Awareness } from "y-protocols/awareness";
import * as Y from "yjs";
import { noteField } from "./note-field";

/**
 * One note's live Y.Doc on this instance, with what the registry tracks about it. The doc
 * holds every update up to `appliedSeq` (and maybe some later ones); mutations go through
 * `run`, one at a time, so an update is applied, stored and broadcast before the next starts.
 *
 * `doc` never runs ahead of the database: every join, sync answer, version and rendering is
 * read from it, so a change it held that the database lost would be acknowledged to nobody
 * yet reported as present to everybody (a rejoining editor would never re-send it). Client
 * changes are therefore `stage`d on `draft`, a scratch copy kept equal to `doc` between
 * batches, which tells exactly what they change and lets them be checked; they reach `doc`
 * only by `commit`, once stored. A failed store or a refused update `discard`s the draft (a
 * copy of `doc` in memory: no database needed to get back to a state that is stored).
 */
export class LiveNote {
  /** What is stored (up to `appliedSeq`): never holds a change the database may not have. */
  doc: Y.Doc;
  private draft: Y.Doc;
  /** Changes staged on the draft since the last commit or discard, in order. */
  private staged: Uint8Array[] = [];
  /** Presence of the note's editors. Its own doc: reloading the note must not drop it. */
  readonly awareness: Awareness;
  /** Which socket controls each awareness client id, so no socket can speak for another. */
  readonly awarenessOwners = new Map<number, string>();
  /**
   * Encoded state size, as an estimate that errs high: the bytes the doc was loaded from (exact
   * for a compacted note), grown by each update since. Limits recompute it (`exactSize`) when
   * the estimate comes near them.
   */
  size: number;
  appliedSeq: number;
  /** Seqs above `appliedSeq` already in the doc: a non-empty set means one in between is missing. */
  private readonly knownAbove = new Set<number>();
  refs = 0;
  /** Members whose stored edits no version includes yet. */
  readonly authorsSinceVersion = new Set<string>();
  dirtySinceVersion = false;
  lastVersionAt: Date;
  private tail: Promise<unknown> = Promise.resolve();
  /** Items queued for the drain `gather` scheduled and that has not started yet. */
  private gathering: unknown[] | null = null;

  constructor(
    readonly noteId: string,
    loaded: { doc: Y.Doc; appliedSeq: number; lastVersionAt: Date; loadedBytes?: number },
  ) {
    this.doc = loaded.doc;
    this.draft = copyOf(this.doc);
    this.appliedSeq = loaded.appliedSeq;
    this.lastVersionAt = loaded.lastVersionAt;
    // Encoding the whole doc again would cost a first join as much as a tenth of its load.
    this.size = loaded.loadedBytes ?? Y.encodeStateAsUpdate(this.doc).byteLength;
    this.awareness = new Awareness(new Y.Doc());
    this.awareness.setLocalState(null);
  }

  /** Runs tasks one after the other; a failed task does not stop the next. */
  run<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => {});
    return result;
  }

  /**
   * Queues `item` for a `drain` run inside `run` with every item queued until it starts: what
   * arrives while the note is busy is handled in one go. Every caller must pass the same kind
   * of drain, which must not throw.
   */
  gather<T>(item: T, drain: (items: T[]) => Promise<void>): void {
    if (this.gathering) {
      this.gathering.push(item);
      return;
    }
    const items = [item];
    this.gathering = items;
    void this.run(() => {
      this.gathering = null;
      return drain(items);
    });
  }

  /**
   * Applies a client's update to the draft and returns exactly what it changed (null: nothing).
   * `check` sees each transaction the update made on the draft; when it throws, or when the
   * update leaves structs waiting for predecessors the note does not have (a byte-mutated
   * update, or one that overtook a change still on its way here), the draft is put back as it
   * was and the error (or `incomplete()`) is thrown.
   */
  stage(
    update: Uint8Array,
    origin: unknown,
    check: (transaction: Y.Transaction) => void = () => {},
    incomplete: () => Error = () => new Error("incomplete update"),
  ): Uint8Array | null {
    return this.stageWith(origin, check, incomplete, () => Y.applyUpdate(this.draft, update, origin));
  }

  /** Runs a server-side edit (a restore) on the draft, like `stage`. */
  stageEdit(edit: (doc: Y.Doc) => void, origin: unknown): Uint8Array | null {
    return this.stageWith(
      origin,
      () => {},
      () => new Error("incomplete edit"),
      () => this.draft.transact(() => edit(this.draft), origin),
    );
  }

  private stageWith(
    origin: unknown,
    check: (transaction: Y.Transaction) => void,
    incomplete: () => Error,
    change: () => void,
  ): Uint8Array | null {
    const pendingBefore = pendingOf(this.draft);
    const transactions: Y.Transaction[] = [];
    const collect = (transaction: Y.Transaction) => transactions.push(transaction);
    this.draft.on("afterTransaction", collect);
    let captured: Uint8Array | null;
    try {
      captured = capture(this.draft, origin, change);
      const pendingAfter = pendingOf(this.draft);
      if (pendingAfter.structs !== pendingBefore.structs || pendingAfter.ds !== pendingBefore.ds) {
        throw incomplete();
      }
      for (const transaction of transactions) check(transaction);
    } catch (error) {
      this.draft.off("afterTransaction", collect);
      this.rebuildDraft();
      throw error;
    }
    this.draft.off("afterTransaction", collect);
    if (captured) this.staged.push(captured);
    return captured;
  }

  /** Bytes staged and not yet committed (for the document size limit). */
  get stagedBytes(): number {
    return this.staged.reduce((sum, change) => sum + change.byteLength, 0);
  }

  /** The staged changes are stored: `doc` takes them. */
  commit(): void {
    if (this.staged.length === 0) return;
    const change = this.staged.length === 1 ? this.staged[0]! : Y.mergeUpdates(this.staged);
    this.staged = [];
    Y.applyUpdate(this.doc, change, stagedOrigin);
  }

  /** The staged changes were not stored: the draft goes back to `doc`. */
  discard(): void {
    this.staged = [];
    this.rebuildDraft();
  }

  private rebuildDraft() {
    this.draft.destroy();
    this.draft = copyOf(this.doc);
    for (const change of this.staged) Y.applyUpdate(this.draft, change, stagedOrigin);
  }

  /**
   * Brings in changes the database already holds (another instance's, or read back from it)
   * and returns what they changed in `doc`. Runs between batches, with nothing staged.
   */
  integrate(apply: (doc: Y.Doc) => void, origin: unknown): Uint8Array | null {
    const change = capture(this.doc, origin, () => this.doc.transact(() => apply(this.doc), origin));
    this.draft.transact(() => apply(this.draft), origin);
    return change;
  }

  /** Parts of updates that wait for structs the doc has not seen (Yjs keeps them aside). */
  hasPendingStructs(): boolean {
    const pending = pendingOf(this.doc);
    return pending.structs !== null || pending.ds !== null;
  }

  exactSize(): number {
    this.size = Y.encodeStateAsUpdate(this.doc).byteLength;
    return this.size;
  }

  /** Records that the doc holds update `seq`; false when it already did. */
  markKnown(seq: number): boolean {
    if (seq <= this.appliedSeq || this.knownAbove.has(seq)) return false;
    this.knownAbove.add(seq);
    while (this.knownAbove.delete(this.appliedSeq + 1)) this.appliedSeq += 1;
    return true;
  }

  /** After applying everything up to `seq` from the database. */
  markCaughtUp(seq: number): void {
    if (seq <= this.appliedSeq) return;
    this.appliedSeq = seq;
    for (const known of this.knownAbove) if (known <= seq) this.knownAbove.delete(known);
    while (this.knownAbove.delete(this.appliedSeq + 1)) this.appliedSeq += 1;
  }

  hasGap(): boolean {
    return this.knownAbove.size > 0;
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
    this.draft.destroy();
  }
}

const stagedOrigin = Symbol("staged");

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  // Typed before the state arrives, or the note's root would be a bare AbstractType.
  copy.getXmlFragment(noteField);
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

function pendingOf(doc: Y.Doc) {
  return { structs: doc.store.pendingStructs, ds: doc.store.pendingDs };
}

/** Runs `change` and returns exactly the update it made to `doc` with `origin`, or null. */
function capture(doc: Y.Doc, origin: unknown, change: () => void): Uint8Array | null {
  const changes: Uint8Array[] = [];
  const listener = (update: Uint8Array, updateOrigin: unknown) => {
    if (updateOrigin === origin) changes.push(update);
  };
  doc.on("update", listener);
  try {
    change();
  } finally {
    doc.off("update", listener);
  }
  if (changes.length === 0) return null;
  return changes.length === 1 ? changes[0]! : Y.mergeUpdates(changes);
}
