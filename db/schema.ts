import * as auth from "./schema/auth";
import * as moderation from "./schema/moderation";
import * as notes from "./schema/notes";
import * as postRevisions from "./schema/post-revisions";
import * as posts from "./schema/posts";
import * as reactions from "./schema/reactions";
import * as realtime from "./schema/realtime";
import * as threadEvents from "./schema/thread-events";
import * as threads from "./schema/threads";
import * as users from "./schema/users";

/** Every table and enum, as Drizzle's relational queries and the migrator want them. */
export const schema = {
  ...users,
  ...auth,
  ...threads,
  ...posts,
  ...postRevisions,
  ...reactions,
  ...threadEvents,
  ...moderation,
  ...realtime,
  ...notes,
};
export type Schema = typeof schema;
