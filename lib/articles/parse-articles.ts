/**
 * Parser for article files: plain text, UTF-8, one or more articles, as editors write them.
 *
 * ```text
 * Articles                              ← optional heading, skipped (first non-blank line, then a blank line)
 *
 * Les vraies ruptures d’Internet        ← title (max 300 characters)
 *
 * Après la conférence…                  ← intro: paragraphs separated by blank lines
 *
 * –   Internet n’est pas…               ← takeaways: a list, in order
 * –   3 thèmes :
 *
 *   1. La valeur est dans le réseau…    ← indented deeper: a sub-point of the item above
 *     – La connaissance individuelle…
 *   2. Internet favorise…
 *
 * –   Avant, il y avait…                ← back to the first level
 *
 * Via                                   ← optional closing source line, with or without a link
 * ```
 *
 * Rules, line by line (CRLF, LF and lone CR all end a line; a leading BOM is ignored):
 *
 * - Layout whitespace is space, tab and the no-break / typographic spaces (U+00A0, U+202F,
 *   U+2000–U+200A, U+205F, U+3000). A line holding nothing else is blank. So is a separator
 *   line made of three or more of the same `-`, `*`, `_`, `=`, `–`, `—` or `•` (spaces between
 *   allowed, e.g. `* * *`).
 * - A list item is: indentation, a marker (`–`, `•`, `-`, `*`, or 1 to 9 digits followed by `.`
 *   or `)`), at least one layout whitespace character, then the text. The marker and the
 *   whitespace around it are layout; the text is kept exactly (typography, NBSP inside the text,
 *   emoji, double spaces) except for its trailing whitespace. A marker with no text is ignored
 *   with a warning.
 * - Nesting follows an indentation stack (a tab counts up to the next multiple of 4 columns):
 *   an item indented more than the previous one is its sub-point, an item at the same indentation
 *   is its sibling, a less indented item closes deeper levels until it finds one less indented
 *   than itself. The first item of a list is top-level whatever its indentation. At most
 *   {@link maxDepth} levels.
 * - A non-blank, non-item line directly under an item (no blank line between) continues that item:
 *   its trimmed text is appended after a single space. After a blank line inside a list, an
 *   indented non-item line continues the last item the same way; blank lines never end a list.
 * - A list ends the article at a Via line or, when there is none, at a non-indented non-item line
 *   that follows a blank line: that line is the title of the next article (the previous one has
 *   no source).
 * - A Via line is `Via`, optionally followed by `:` and a source: `Via`, `Via http://x`,
 *   `Via : Site (https://x)`, `Via Le Blog https://x`, `Via [Site](https://x)`, `Via Le Blog`.
 *   It is recognised after a blank line (or straight after the title), or, without a blank line,
 *   when it starts at column 0 with a capital V (`via …` glued under an item continues it).
 *   Before the first takeaway (in the intro) only a bare `Via` or a Via line holding an http(s)
 *   link counts, so that an intro paragraph that starts with « Via cette plateforme, … » stays a
 *   paragraph. After a Via line the next non-blank line is the next article's title. The label is
 *   the text around the first http(s) link, without separators, brackets or Markdown `[…]`; with
 *   no text it is the link's host name (`Via http://www.x.fr/a` → `x.fr`); a bare `Via` gives
 *   `{ label: "Via", url: null }`.
 * - Intro paragraphs are the non-item lines between the title and the list; each line is trimmed
 *   and the lines of one paragraph are joined with "\n". An intro with no list must therefore end
 *   with a Via line, or the next title would be read as one more paragraph.
 * - Errors (AppError `bad_request:article_file`, `details.line` 1-based): no article at all, a
 *   list item or a Via line before any title, a title longer than 300 characters, nesting deeper
 *   than {@link maxDepth}, an article without takeaways (nothing to discuss).
 * - Slugs come from {@link slugify}; a title repeated in the file gets `-2`, `-3`… (a slug already
 *   produced by another title is skipped too).
 *
 * Every step is a single pass over the lines (no backtracking regular expression runs on
 * unbounded input), so parsing is linear in the size of the file.
 */
import { z } from "zod";
import { AppError } from "../errors";
import { toStorableText } from "../storable-text";
import { maxSlugLength, slugify, suffixSlug } from "./slug";

export interface ParsedPoint {
  text: string;
  /** 1-based line of the point's marker. */
  line: number;
  points: ParsedPoint[];
}

export interface ArticleSource {
  label: string;
  url: string | null;
}

export interface ParsedArticle {
  title: string;
  slug: string;
  /** 1-based line of the title. */
  line: number;
  intro: string[];
  takeaways: ParsedPoint[];
  source: ArticleSource | null;
  /** FNV-1a 64 (16 hex digits) of title, intro, takeaways (texts and nesting) and source. */
  contentHash: string;
}

export interface ParseWarning {
  line: number;
  message: string;
}

export interface ParsedArticleFile {
  articles: ParsedArticle[];
  warnings: ParseWarning[];
}

export const maxTitleLength = 300;
/** Deepest nesting accepted: a takeaway is level 1, its sub-points level 2, and so on. */
export const maxDepth = 16;

const errorCode = "bad_request:article_file" as const;

const lineNumber = z.number().int().positive();

const parsedPointSchema: z.ZodType<ParsedPoint> = z.object({
  text: z.string().min(1),
  line: lineNumber,
  get points(): z.ZodArray<z.ZodType<ParsedPoint>> {
    return z.array(parsedPointSchema);
  },
});

const articleSourceSchema = z.object({
  label: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }).nullable(),
});

const parsedArticleSchema = z.object({
  title: z.string().min(1).max(maxTitleLength),
  slug: z
    .string()
    .max(maxSlugLength)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  line: lineNumber,
  intro: z.array(z.string().min(1)),
  takeaways: z.array(parsedPointSchema),
  source: articleSourceSchema.nullable(),
  contentHash: z.string().regex(/^[0-9a-f]{16}$/),
});

export const parsedArticleFileSchema: z.ZodType<ParsedArticleFile> = z.object({
  articles: z.array(parsedArticleSchema).min(1),
  warnings: z.array(z.object({ line: lineNumber, message: z.string().min(1) })),
});

// ---------------------------------------------------------------------------------------------
// Decoding

/** Index of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    let size: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) size = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      size = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      size = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < size; k++) {
      const byte = bytes[i + k];
      const min = k === 1 ? low : 0x80;
      const max = k === 1 ? high : 0xbf;
      if (byte === undefined || byte < min || byte > max) return i;
    }
    i += size;
  }
  return -1;
}

/** 1-based line of the byte at `index`: LF, CRLF and lone CR each end a line. */
function lineOfByte(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) {
    const byte = bytes[i];
    if (byte === 0x0a || (byte === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  return line;
}

/** Decodes an uploaded article file: strict UTF-8 (a leading BOM is dropped). */
export function decodeArticleFile(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (cause) {
    const index = firstInvalidUtf8Byte(bytes);
    const line = index < 0 ? 1 : lineOfByte(bytes, index);
    const byte =
      index < 0 ? "" : ` (octet 0x${(bytes[index] ?? 0).toString(16).toUpperCase().padStart(2, "0")})`;
    throw new AppError(
      errorCode,
      `Ligne ${line}\u202f: le fichier n’est pas un texte UTF-8 valide${byte}. Enregistrez-le en UTF-8 et réessayez.`,
      { cause, details: { line } },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Hashing

/**
 * FNV-1a 64, fed with UTF-8 bytes, in four 16-bit limbs (low first) so that it stays exact
 * without BigInt and runs in any JavaScript runtime.
 */
class Fnv1a64 {
  // Offset basis 0xcbf29ce484222325.
  private h0 = 0x2325;
  private h1 = 0x8422;
  private h2 = 0x9ce4;
  private h3 = 0xcbf2;

  private readonly encoder = new TextEncoder();
  private buffer = new Uint8Array(1024);

  /** Feeds the UTF-8 bytes of `text` (a lone surrogate counts as U+FFFD). */
  text(text: string): this {
    if (this.buffer.length < text.length * 3) this.buffer = new Uint8Array(text.length * 3);
    const bytes = this.buffer;
    const length = this.encoder.encodeInto(text, bytes).written;
    let { h0, h1, h2, h3 } = this;
    for (let i = 0; i < length; i++) {
      h0 ^= bytes[i] ?? 0;
      // Multiply by the prime 0x100000001b3 = 2^40 + 0x1b3, modulo 2^64.
      const t0 = h0 * 0x1b3;
      const t1 = h1 * 0x1b3 + (t0 >>> 16);
      const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
      h3 = (h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16)) & 0xffff;
      h2 = t2 & 0xffff;
      h1 = t1 & 0xffff;
      h0 = t0 & 0xffff;
    }
    this.h0 = h0;
    this.h1 = h1;
    this.h2 = h2;
    this.h3 = h3;
    return this;
  }

  /** A string with its length in front, so that no two sequences of fields feed the same bytes. */
  field(text: string): this {
    return this.text(`${text.length}:`).text(text);
  }

  hex(): string {
    return [this.h3, this.h2, this.h1, this.h0].map((limb) => limb.toString(16).padStart(4, "0")).join("");
  }
}

function hashPoints(hash: Fnv1a64, points: ParsedPoint[]): void {
  hash.text(`[${points.length}`);
  for (const point of points) {
    hash.field(point.text);
    hashPoints(hash, point.points);
  }
  hash.text("]");
}

/** Content only (no line numbers, no slug): the same article moved elsewhere in a file hashes the same. */
function contentHashOf(article: Pick<ParsedArticle, "title" | "intro" | "takeaways" | "source">): string {
  const hash = new Fnv1a64().text("agora-article/1|").field(article.title);
  hash.text(`|${article.intro.length}`);
  for (const paragraph of article.intro) hash.field(paragraph);
  hash.text("|");
  hashPoints(hash, article.takeaways);
  const { source } = article;
  if (source === null) hash.text("|-");
  else {
    hash.text("|+").field(source.label);
    if (source.url === null) hash.text("-");
    else hash.text("+").field(source.url);
  }
  return hash.hex();
}

// ---------------------------------------------------------------------------------------------
// Lines

function isLayoutSpace(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x09 ||
    code === 0x0b ||
    code === 0x0c ||
    code === 0xa0 ||
    code === 0x202f ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function trimLayoutEnd(text: string, from = 0): string {
  let end = text.length;
  while (end > from && isLayoutSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(from, end);
}

const separatorChars = new Set(["-", "*", "_", "=", "–", "—", "•"]);

/** `* * *`, `---`, `———`: three or more of one separator character, spaces allowed between. */
function isSeparator(line: string, start: number): boolean {
  let char: string | null = null;
  let count = 0;
  for (let i = start; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (isLayoutSpace(code)) continue;
    const c = line[i] ?? "";
    if (!separatorChars.has(c) || (char !== null && c !== char)) return false;
    char = c;
    count++;
  }
  return count >= 3;
}

type Line =
  | { kind: "blank" }
  | { kind: "item"; indent: number; text: string }
  | { kind: "text"; indent: number; text: string };

const bulletMarkers = new Set(["–", "•", "-", "*"]);

function classify(line: string): Line {
  let start = 0;
  let indent = 0;
  while (start < line.length && isLayoutSpace(line.charCodeAt(start))) {
    indent = line.charCodeAt(start) === 0x09 ? indent + 4 - (indent % 4) : indent + 1;
    start++;
  }
  if (start === line.length || isSeparator(line, start)) return { kind: "blank" };

  let afterMarker = -1;
  const first = line[start] ?? "";
  if (bulletMarkers.has(first)) afterMarker = start + 1;
  else {
    let i = start;
    while (i < line.length && i - start < 9 && line.charCodeAt(i) >= 0x30 && line.charCodeAt(i) <= 0x39) i++;
    if (i > start && (line[i] === "." || line[i] === ")")) afterMarker = i + 1;
  }
  if (afterMarker > 0 && (afterMarker === line.length || isLayoutSpace(line.charCodeAt(afterMarker)))) {
    let textStart = afterMarker;
    while (textStart < line.length && isLayoutSpace(line.charCodeAt(textStart))) textStart++;
    return { kind: "item", indent, text: trimLayoutEnd(line, textStart) };
  }
  return { kind: "text", indent, text: trimLayoutEnd(line, start) };
}

/** The part after `Via` (and an optional colon) when `text` is a Via line, else null. */
function viaRest(text: string): string | null {
  if (text.length < 3 || text.slice(0, 3).toLowerCase() !== "via") return null;
  if (text.length === 3) return "";
  const next = text.charCodeAt(3);
  if (next !== 0x3a && !isLayoutSpace(next)) return null;
  let i = 3;
  while (i < text.length && (text.charCodeAt(i) === 0x3a || isLayoutSpace(text.charCodeAt(i)))) i++;
  return text.slice(i);
}

const urlPattern = /https?:\/\/[^\s<>"«»]+/i;

/** Drops trailing punctuation, and closing brackets that the URL does not open itself. */
function trimUrl(url: string): string {
  const count = (char: string) => url.split(char).length - 1;
  const unmatched: Record<string, number> = { ")": count(")") - count("("), "]": count("]") - count("[") };
  let end = url.length;
  for (;;) {
    const last = url[end - 1];
    if (last === undefined) break;
    if (".,;:!?'’".includes(last)) end--;
    else if ((last === ")" || last === "]") && (unmatched[last] ?? 0) > 0) {
      unmatched[last] = (unmatched[last] ?? 0) - 1;
      end--;
    } else break;
  }
  return url.slice(0, end);
}

const labelEdge = /[\s:–—\-,;|]/;

/** Trims separators (spaces, colons, dashes, commas…) at both ends, without a backtracking regex. */
function trimLabel(label: string): string {
  let start = 0;
  let end = label.length;
  while (start < end && labelEdge.test(label[start] ?? "")) start++;
  while (end > start && labelEdge.test(label[end - 1] ?? "")) end--;
  return label.slice(start, end);
}

function hostnameOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return null;
    return parsed.hostname.replace(/^www\./, "") || null;
  } catch {
    return null;
  }
}

/** `Via` → {Via, null}; `Via : Site (https://x)`, `Via Site https://x`, `Via [Site](https://x)` → {Site, url}. */
function parseSource(rest: string): ArticleSource {
  if (rest === "") return { label: "Via", url: null };
  const match = urlPattern.exec(rest);
  const url = match ? trimUrl(match[0]) : null;
  const host = url === null ? null : hostnameOf(url);
  if (match === null || url === null || host === null) return { label: rest, url: null };
  const around = `${rest.slice(0, match.index)} ${rest.slice(match.index + url.length)}`;
  const label = trimLabel(
    trimLabel(around.replace(/\(\s*\)|\[\s*\]|<\s*>/g, " ")).replace(/^\[([^\]]*)\]$/, "$1"),
  );
  return { label: /[\p{L}\p{N}]/u.test(label) ? label : host, url };
}

// ---------------------------------------------------------------------------------------------
// Parsing

interface Draft {
  title: string;
  line: number;
  intro: string[];
  takeaways: ParsedPoint[];
  source: ArticleSource | null;
}

function fail(line: number, message: string): never {
  throw new AppError(errorCode, `Ligne ${line}\u202f: ${message}`, { details: { line } });
}

/**
 * Parses the text of an article file (see the module comment for the format). Throws AppError
 * `bad_request:article_file` with `details.line` when the file cannot be read as articles.
 */
export function parseArticles(text: string): ParsedArticleFile {
  // Pasted text can hold what PostgreSQL refuses (NUL, lone surrogates): importing it was a 500.
  const lines = toStorableText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/);
  const drafts: Draft[] = [];
  const warnings: ParseWarning[] = [];

  /** start: before the first article; afterVia: between articles; title/intro/list: inside one. */
  // The casts keep TypeScript from narrowing these to their initial value: the helpers below reassign them.
  let state = "start" as "start" | "afterVia" | "title" | "intro" | "list";
  let draft = null as Draft | null;
  let paragraph = null as string[] | null;
  let stack: { indent: number; point: ParsedPoint }[] = [];
  let lastItem = null as ParsedPoint | null;
  let afterBlank = false;
  let seenContent = false;

  const closeParagraph = () => {
    if (draft && paragraph) draft.intro.push(paragraph.join("\n"));
    paragraph = null;
  };
  const finish = () => {
    closeParagraph();
    if (draft) drafts.push(draft);
    draft = null;
    stack = [];
    lastItem = null;
  };
  const startArticle = (title: string, line: number) => {
    if (title.length > maxTitleLength) {
      fail(line, `le titre dépasse ${maxTitleLength} caractères (${title.length}).`);
    }
    draft = { title, line, intro: [], takeaways: [], source: null };
    state = "title";
  };

  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] ?? "";
    const line = index + 1;
    const current = classify(raw);

    if (current.kind === "blank") {
      if (state === "intro") closeParagraph();
      afterBlank = true;
      continue;
    }

    if (current.kind === "item" && current.text === "") {
      if (state === "start" || state === "afterVia") {
        fail(line, "un élément de liste apparaît avant tout titre d’article.");
      }
      warnings.push({ line, message: "Élément de liste vide ignoré." });
      continue;
    }

    const wasAfterBlank = afterBlank;
    afterBlank = false;

    if (state === "start" || state === "afterVia") {
      if (current.kind === "item") fail(line, "un élément de liste apparaît avant tout titre d’article.");
      if (
        state === "start" &&
        !seenContent &&
        current.text.toLowerCase() === "articles" &&
        classify(lines[index + 1] ?? "").kind === "blank"
      ) {
        seenContent = true;
        continue;
      }
      seenContent = true;
      if (viaRest(current.text) !== null) {
        fail(line, "une ligne « Via » apparaît avant tout titre d’article.");
      }
      startArticle(current.text, line);
      continue;
    }

    // Inside an article: title, intro or list.
    const open: Draft = draft ?? fail(line, "état interne incohérent.");

    if (current.kind === "item") {
      if (state !== "list") {
        closeParagraph();
        state = "list";
        stack = [];
      }
      while (stack.length > 0 && (stack[stack.length - 1]?.indent ?? -1) >= current.indent) stack.pop();
      if (stack.length >= maxDepth) {
        fail(line, `les points sont imbriqués sur plus de ${maxDepth} niveaux.`);
      }
      const point: ParsedPoint = { text: current.text, line, points: [] };
      const parent = stack[stack.length - 1];
      (parent ? parent.point.points : open.takeaways).push(point);
      stack.push({ indent: current.indent, point });
      lastItem = point;
      continue;
    }

    const rest = viaRest(current.text);
    const viaAllowed =
      rest !== null &&
      (wasAfterBlank || state === "title" || (current.indent === 0 && current.text.startsWith("Via"))) &&
      (state === "list" || rest === "" || urlPattern.test(rest));
    if (viaAllowed) {
      open.source = parseSource(rest);
      finish();
      state = "afterVia";
      continue;
    }

    if (state === "list") {
      if (lastItem && (!wasAfterBlank || current.indent > 0)) {
        lastItem.text += ` ${current.text}`;
        continue;
      }
      finish();
      startArticle(current.text, line);
      continue;
    }

    // Title or intro: a paragraph line.
    if (paragraph && !wasAfterBlank) paragraph.push(current.text);
    else {
      closeParagraph();
      paragraph = [current.text];
    }
    state = "intro";
  }
  finish();

  if (drafts.length === 0) {
    throw new AppError(errorCode, "Le fichier ne contient aucun article.", { details: { line: 1 } });
  }

  const usedSlugs = new Set<string>();
  const nextSuffix = new Map<string, number>();
  const articles = drafts.map((article): ParsedArticle => {
    // A thread is discussed point by point: without takeaways there is nothing to discuss.
    if (article.takeaways.length === 0) {
      fail(
        article.line,
        `«\u00a0${article.title}\u00a0» n’a aucun point clé\u202f: ajoutez-en au moins un (une ligne «\u00a0- …\u00a0»).`,
      );
    }
    const base = slugify(article.title);
    let slug = base;
    let n = nextSuffix.get(base) ?? 2;
    while (usedSlugs.has(slug)) slug = suffixSlug(base, n++);
    nextSuffix.set(base, n);
    usedSlugs.add(slug);
    return { ...article, slug, contentHash: contentHashOf(article) };
  });
  warnings.sort((a, b) => a.line - b.line);

  const result = parsedArticleFileSchema.safeParse({ articles, warnings });
  if (!result.success) {
    throw new AppError("internal:article_parser", "Le fichier d’articles n’a pas pu être analysé.", {
      cause: result.error,
    });
  }
  return result.data;
}
