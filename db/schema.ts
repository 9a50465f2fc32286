import * as auth from "./schema/auth";
import * as posts from "./schema/posts";
import * as reactions from "./schema/reactions";
import * as threads from "./schema/threads";
import * as users from "./schema/users";

/** Every table and enum, as Drizzle's relational queries and the migrator want them. */
export const schema = { ...users, ...auth, ...threads, ...posts, ...reactions };
export type Schema = typeof schema;
