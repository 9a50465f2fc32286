import { bigserial, customType, pgTable, timestamp } from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/**
 * The table @socket.io/postgres-adapter stores packets too large for NOTIFY in (its documented
 * shape). Declared here so migrations create it on every PostgreSQL that instances share; the
 * adapter itself deletes old rows.
 */
export const socketIoAttachments = pgTable("socket_io_attachments", {
  id: bigserial("id", { mode: "number" }).unique(),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).defaultNow(),
  payload: bytea("payload"),
});
