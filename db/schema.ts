import * as notes from "./schema/notes";
import * as posts from "./schema/posts";
import * as reactions from "./schema/reactions";
import * as threads from "./schema/threads";
import * as users from "./schema/users";

/** Every table and enum, as Drizzle's relational queries and the migrator want them. */
export const schema = { ...users, ...threads, ...posts, ...reactions, ...notes };
export type Schema = typeof schema;
