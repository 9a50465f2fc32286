import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { posts } from "../../db/schema/posts";
import { threads } from "../../db/schema/threads";
import { users } from "../../db/schema/users";
import type { Actor } from "../auth/authorization";
import { ensureSystemUser } from "../users/system-user";

/** Test support: a thread with takeaways and a few members, written straight to the database. */
export interface SeededDiscussion {
  threadId: string;
  slug: string;
  takeawayIds: string[];
  members: Record<"alice" | "bob" | "carol" | "dave", Actor>;
}

let counter = 0;

export async function seedDiscussion(
  db: Database,
  options: { takeaways?: number } = {},
): Promise<SeededDiscussion> {
  const n = ++counter;
  const takeawayCount = options.takeaways ?? 3;
  const systemId = await ensureSystemUser(db);
  const slug = `debat-${n}-${crypto.randomUUID().slice(0, 8)}`;
  const [thread] = await db
    .insert(threads)
    .values({
      slug,
      title: `Débat ${n}`,
      contentHash: crypto.randomUUID(),
      takeawayCount,
      lastSeq: takeawayCount,
    })
    .returning({ id: threads.id });
  const takeawayIds = Array.from({ length: takeawayCount }, () => crypto.randomUUID());
  if (takeawayCount > 0) {
    await db.insert(posts).values(
      takeawayIds.map((id, index) => ({
        id,
        threadId: thread!.id,
        authorId: systemId,
        kind: "takeaway" as const,
        ordinal: index,
        seq: index + 1,
        body: `Point clé ${index + 1}`,
      })),
    );
  }
  const members = {} as SeededDiscussion["members"];
  for (const name of ["alice", "bob", "carol", "dave"] as const) {
    const id = `${name}-${n}-${crypto.randomUUID().slice(0, 8)}`;
    const display = name[0]!.toUpperCase() + name.slice(1);
    await db.insert(users).values({ id, name: display, email: `${id}@agora.test` });
    members[name] = { id, name: display, role: "member", suspendedAt: null, suspendedUntil: null };
  }
  return { threadId: thread!.id, slug, takeawayIds, members };
}

export async function lockThread(db: Database, threadId: string, locked = true): Promise<void> {
  await db
    .update(threads)
    .set({ lockedAt: locked ? new Date() : null, lockReason: locked ? "Débat clos." : null })
    .where(eq(threads.id, threadId));
}

export async function suspendMember(db: Database, userId: string): Promise<void> {
  await db
    .update(users)
    .set({ suspendedAt: new Date(), suspensionReason: "Propos injurieux." })
    .where(eq(users.id, userId));
}

export const newClientId = () => crypto.randomUUID();
