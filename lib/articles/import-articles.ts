import { eq, inArray } from "drizzle-orm";
import type { Database, Transaction } from "../../db/client";
import { posts } from "../../db/schema/posts";
import { threads } from "../../db/schema/threads";
import { AppError } from "../errors";
import { recordAudit } from "../moderation/audit";
import { ensureSystemUser } from "../users/system-user";
import type { ParsedArticle, ParsedArticleFile, ParsedPoint, ParseWarning } from "./parse-articles";
import { decodeArticleFile, parseArticles } from "./parse-articles";
import { slugify, suffixSlug } from "./slug";

export interface ImportedThread {
  title: string;
  slug: string;
  takeaways: number;
  subPoints: number;
}

export interface ImportReport {
  created: ImportedThread[];
  /** Articles already in the database (same content), left untouched. */
  skipped: { title: string; slug: string }[];
  warnings: ParseWarning[];
}

interface TakeawayRow {
  id: string;
  parentId: string | null;
  depth: number;
  body: string;
}

/** Depth-first, so that a sub-point always follows its parent and ordinals read in article order. */
function flattenPoints(points: ParsedPoint[], parentId: string | null, depth: number, into: TakeawayRow[]) {
  for (const point of points) {
    const id = crypto.randomUUID();
    into.push({ id, parentId, depth, body: point.text });
    flattenPoints(point.points, id, depth + 1, into);
  }
  return into;
}

/** An article whose title another thread (`slug`), or an earlier article of the file (`null`), already has. */
export interface TitleClash {
  title: string;
  slug: string | null;
}

export interface ImportOptions {
  moderatorId?: string;
  /**
   * Publishes an article whose title is already taken (as `<slug>-2`). Without it such an
   * import is refused with `conflict:article_title`, so no one gets a second thread of the same
   * title without having asked for it.
   */
  allowDuplicateTitle?: boolean;
}

/** The new articles of a file whose title is already a thread's, or repeats an earlier one's. */
export async function findTitleClashes(
  db: Database | Transaction,
  articles: ParsedArticle[],
): Promise<TitleClash[]> {
  const fresh = await newArticles(db, articles);
  const wanted = fresh.map((article) => slugify(article.title));
  const existing = wanted.length
    ? await db.select({ slug: threads.slug }).from(threads).where(inArray(threads.slug, wanted))
    : [];
  const taken = new Set(existing.map((row) => row.slug));
  const seen = new Set<string>();
  const clashes: TitleClash[] = [];
  fresh.forEach((article, index) => {
    const slug = wanted[index]!;
    if (taken.has(slug)) clashes.push({ title: article.title, slug });
    else if (seen.has(slug)) clashes.push({ title: article.title, slug: null });
    seen.add(slug);
  });
  return clashes;
}

async function newArticles(db: Database | Transaction, articles: ParsedArticle[]) {
  const hashes = articles.map((article) => article.contentHash);
  const stored = hashes.length
    ? await db
        .select({ contentHash: threads.contentHash })
        .from(threads)
        .where(inArray(threads.contentHash, hashes))
    : [];
  const known = new Set(stored.map((row) => row.contentHash));
  return articles.filter((article) => !known.has(article.contentHash));
}

export function titleClashError(clashes: TitleClash[]): AppError {
  const named = clashes
    .map((clash) =>
      clash.slug
        ? `«\u00a0${clash.title}\u00a0» (déjà publié\u202f: /t/${clash.slug})`
        : `«\u00a0${clash.title}\u00a0» (deux fois dans ce texte)`,
    )
    .join(", ");
  return new AppError(
    "conflict:article_title",
    `Une discussion porte déjà ce titre\u202f: ${named}. Confirmez pour publier une seconde discussion du même titre.`,
    { details: { clashes } },
  );
}

// Keeps each INSERT well under PostgreSQL's 65,535 bind parameters.
const rowsPerInsert = 1000;

async function freeSlug(tx: Transaction, wanted: string, taken: Set<string>): Promise<string> {
  for (let suffix = 1; ; suffix++) {
    const candidate = suffix === 1 ? wanted : suffixSlug(wanted, suffix);
    if (taken.has(candidate)) continue;
    const [used] = await tx
      .select({ id: threads.id })
      .from(threads)
      .where(eq(threads.slug, candidate))
      .limit(1);
    if (!used) return candidate;
  }
}

async function insertArticle(tx: Transaction, article: ParsedArticle, slug: string, authorId: string) {
  const rows = flattenPoints(article.takeaways, null, 0, []);
  const [thread] = await tx
    .insert(threads)
    .values({
      slug,
      title: article.title,
      intro: article.intro,
      sourceLabel: article.source?.label ?? null,
      sourceUrl: article.source?.url ?? null,
      contentHash: article.contentHash,
      takeawayCount: article.takeaways.length,
      lastSeq: rows.length,
    })
    .returning({ id: threads.id });
  if (!thread) throw new Error("INSERT … RETURNING gave no row");
  for (let start = 0; start < rows.length; start += rowsPerInsert) {
    await tx.insert(posts).values(
      rows.slice(start, start + rowsPerInsert).map((row, offset) => ({
        ...row,
        threadId: thread.id,
        authorId,
        kind: "takeaway" as const,
        ordinal: start + offset,
        seq: start + offset + 1,
      })),
    );
  }
  return { threadId: thread.id, subPoints: rows.length - article.takeaways.length };
}

/**
 * Writes every article of a parsed file in one transaction: all of them or none. An article
 * whose content is already stored is skipped, so importing a file twice changes nothing.
 */
export async function importArticles(
  db: Database,
  file: ParsedArticleFile,
  options: ImportOptions = {},
): Promise<ImportReport> {
  return db.transaction(async (tx) => {
    if (!options.allowDuplicateTitle) {
      const clashes = await findTitleClashes(tx, file.articles);
      if (clashes.length > 0) throw titleClashError(clashes);
    }
    const authorId = await ensureSystemUser(tx);
    const hashes = file.articles.map((article) => article.contentHash);
    const existing = hashes.length
      ? await tx
          .select({ contentHash: threads.contentHash, slug: threads.slug })
          .from(threads)
          .where(inArray(threads.contentHash, hashes))
      : [];
    const slugByHash = new Map(existing.map((row) => [row.contentHash, row.slug]));
    const report: ImportReport = { created: [], skipped: [], warnings: [...file.warnings] };
    const takenSlugs = new Set<string>();

    for (const article of file.articles) {
      const existingSlug = slugByHash.get(article.contentHash);
      if (existingSlug !== undefined) {
        report.skipped.push({ title: article.title, slug: existingSlug });
        continue;
      }
      const slug = await freeSlug(tx, slugify(article.title), takenSlugs);
      takenSlugs.add(slug);
      slugByHash.set(article.contentHash, slug);
      const { threadId, subPoints } = await insertArticle(tx, article, slug, authorId);
      if (options.moderatorId) {
        await recordAudit(tx, {
          actorId: options.moderatorId,
          action: "thread.import",
          targetType: "thread",
          targetId: threadId,
          threadId,
          details: { title: article.title },
        });
      }
      report.created.push({ title: article.title, slug, takeaways: article.takeaways.length, subPoints });
    }
    return report;
  });
}

/** Decodes, parses and imports the bytes of an article file; throws AppError naming the line on bad input. */
export async function importArticleFile(
  db: Database,
  bytes: Uint8Array,
  options: ImportOptions = {},
): Promise<ImportReport> {
  return importArticles(db, parseArticles(decodeArticleFile(bytes)), options);
}
