import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { posts } from "../../db/schema/posts";
import { threads } from "../../db/schema/threads";
import { importArticleFile } from "../../lib/articles/import-articles";
import { createUserWithPassword } from "../../lib/users/create-user";

export interface ChaosThread {
  id: string;
  takeawayIds: string[];
}

export interface ChaosMember {
  name: string;
  email: string;
  password: string;
}

const password = "Chaos-controle-2026";

/** Threads of their own, so the run's figures count only what its members wrote. */
export async function publishChaosThreads(db: Database, count: number): Promise<ChaosThread[]> {
  const articles = Array.from({ length: count }, (_, index) =>
    [
      `Épreuve de résistance n° ${index + 1}`,
      "",
      "Un fil où des membres écrivent pendant que tout tombe en panne autour d’eux.",
      "",
      "– Rien de ce qui est confirmé ne se perd",
      "– Chacun voit la même discussion",
      "– Les instances s’entendent après chaque panne",
      "",
    ].join("\n"),
  ).join("\n");
  const report = await importArticleFile(db, new TextEncoder().encode(articles));
  const published = await db
    .select({ id: threads.id })
    .from(threads)
    .where(
      inArray(
        threads.slug,
        report.created.map((created) => created.slug),
      ),
    );
  const takeaways = await db
    .select({ id: posts.id, threadId: posts.threadId })
    .from(posts)
    .where(
      and(
        eq(posts.kind, "takeaway"),
        isNull(posts.parentId),
        inArray(
          posts.threadId,
          published.map((thread) => thread.id),
        ),
      ),
    )
    .orderBy(asc(posts.seq));
  return published.map(({ id }) => ({
    id,
    takeawayIds: takeaways.filter((takeaway) => takeaway.threadId === id).map((takeaway) => takeaway.id),
  }));
}

export async function createChaosMembers(db: Database, count: number): Promise<ChaosMember[]> {
  const members: ChaosMember[] = [];
  for (let index = 1; index <= count; index++) {
    const member = { name: `Membre ${index}`, email: `membre-${index}@chaos.agora.test`, password };
    await createUserWithPassword(db, member);
    members.push(member);
  }
  return members;
}
