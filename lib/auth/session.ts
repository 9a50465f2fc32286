import { getServerSession } from "next-auth";
import { getDb } from "../../db/client";
import { loadActor } from "./actor";
import type { Actor } from "./authorization";
import { getAuthOptions } from "./options";

/**
 * The signed-in member behind the current request (pages, route handlers, server actions),
 * read fresh from the database: a role change or suspension shows at once. Guests get null.
 */
export async function getCurrentActor(): Promise<Actor | null> {
  const session = await getServerSession(getAuthOptions());
  return loadActor(getDb(), session?.user?.id);
}
