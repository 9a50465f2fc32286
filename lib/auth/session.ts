import { getServerSession } from "next-auth";
import { connection } from "next/server";
import { getDb } from "../../db/client";
import { loadActor } from "./actor";
import type { Actor } from "./authorization";
import { getAuthOptions } from "./options";

/**
 * The signed-in member behind the current request (pages, route handlers, server actions),
 * read fresh from the database: a role change or suspension shows at once, and a session
 * ended elsewhere (sign-out, suspension) is a guest. Guests get null.
 */
export async function getCurrentActor(): Promise<Actor | null> {
  // A session belongs to a request: any page that shows it renders per request, never at build
  // time, so `next build` needs no AUTH_SECRET and one image serves every environment.
  await connection();
  const session = await getServerSession(getAuthOptions());
  const userId = session?.user?.id;
  return userId ? loadActor(getDb(), { userId, sid: session.sid }) : null;
}
