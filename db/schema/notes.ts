import { sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import {
  bigint,
  customType,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { threads } from "./threads";
import { users } from "./users";

/**
 * Raw bytes (Yjs updates and states). postgres.js binds any Uint8Array as bytea and returns a
 * Buffer; PGlite returns a Uint8Array: both are normalised to a plain Uint8Array view.
 */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => value,
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
});

/**
 * A thread's synthesis, co-edited as a Yjs document. Created lazily on first join. Its state
 * is `snapshot` (every update up to `snapshotSeq` merged) plus the `note_updates` rows after
 * `snapshotSeq`, so a load reads one row and a bounded tail whatever the history's length.
 */
export const notes = pgTable("notes", {
  id: uuid("id").primaryKey().defaultRandom(),
  threadId: uuid("thread_id")
    .notNull()
    .unique()
    .references(() => threads.id, { onDelete: "cascade" }),
  /**
   * Last sequence number handed to an update of this note. Bumped under the note's row lock in
   * the transaction that inserts the update, so seq order is commit order and "updates after
   * seq n" never misses one committed later with a smaller number.
   */
  lastSeq: bigint("last_seq", { mode: "number" }).notNull().default(0),
  snapshot: bytea("snapshot"),
  snapshotSeq: bigint("snapshot_seq", { mode: "number" }).notNull().default(0),
  /** Rendered from the document for the server-rendered page, guests without JavaScript and search. */
  renderedText: text("rendered_text").notNull().default(""),
  /** Built from a whitelist of the editor's nodes and marks, every text escaped: safe to inline. */
  renderedHtml: text("rendered_html").notNull().default(""),
  renderedAt: timestamp("rendered_at", { withTimezone: true, mode: "date" }),
  lockedAt: timestamp("locked_at", { withTimezone: true, mode: "date" }),
  lockedById: text("locked_by_id").references(() => users.id),
  lockReason: text("lock_reason"),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export type Note = typeof notes.$inferSelect;

/**
 * Yjs updates as they were stored, one row per acknowledged edit. Rows are never changed;
 * compaction deletes the ones it merged into the note's snapshot (in the same transaction).
 * The primary key is the "updates after seq" index.
 */
export const noteUpdates = pgTable(
  "note_updates",
  {
    noteId: uuid("note_id")
      .notNull()
      .references(() => notes.id, { onDelete: "cascade" }),
    seq: bigint("seq", { mode: "number" }).notNull(),
    update: bytea("update").notNull(),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ name: "note_updates_pkey", columns: [table.noteId, table.seq] })],
);

export type NoteUpdate = typeof noteUpdates.$inferSelect;

/** auto: taken every few minutes of activity; named: saved by a member; restore: the state a restore produced. */
export const noteVersionKinds = pgEnum("note_version_kind", ["auto", "named", "restore"]);
export type NoteVersionKind = (typeof noteVersionKinds.enumValues)[number];

export const noteVersions = pgTable(
  "note_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    noteId: uuid("note_id")
      .notNull()
      .references(() => notes.id, { onDelete: "cascade" }),
    kind: noteVersionKinds("kind").notNull(),
    name: text("name"),
    /** The whole Yjs document state (Y.encodeStateAsUpdate), enough to view or restore it alone. */
    state: bytea("state").notNull(),
    text: text("text").notNull(),
    /** Members whose edits this version is the first to include. */
    authorIds: text("author_ids")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The note's lastSeq the state was taken at, as far as the instance that took it knew. */
    seq: bigint("seq", { mode: "number" }).notNull(),
    restoredFromId: uuid("restored_from_id").references((): AnyPgColumn => noteVersions.id, {
      onDelete: "set null",
    }),
    /** null for automatic versions. */
    createdById: text("created_by_id").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (table) => [
    // The history panel walks a note's versions newest first, by keyset.
    index("note_versions_history_idx").on(table.noteId, table.createdAt.desc(), table.id.desc()),
  ],
);

export type NoteVersion = typeof noteVersions.$inferSelect;
