/**
 * URL slugs for article titles: lowercase ASCII letters and digits separated by single hyphens,
 * at most {@link maxSlugLength} characters, never empty.
 *
 * - Accents are stripped (NFD, then combining marks removed); œ → oe, æ → ae, ß → ss, ø → o.
 * - French elision keeps a word boundary: after l, d, j, m, n, s, t, c, qu, jusqu, lorsqu, puisqu,
 *   quoiqu, presqu or quelqu the apostrophe becomes a hyphen (« l’histoire » → `l-histoire`,
 *   « d’Internet » → `d-internet`); any other apostrophe is dropped (« aujourd’hui » → `aujourdhui`,
 *   « don't » → `dont`).
 * - Every other run of characters outside [a-z0-9] becomes one hyphen; hyphens are trimmed.
 * - Longer slugs are cut at the last hyphen within the limit (a hard cut only for one huge word).
 * - A title with nothing left (only punctuation, emoji or a non-Latin script) gives `article`.
 */
export const maxSlugLength = 80;

const fallbackSlug = "article";

const ligatures: Record<string, string> = {
  œ: "oe",
  æ: "ae",
  ß: "ss",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
};

const apostrophes = "['’ʼ‘`´]";
const elision = new RegExp(
  `(^|[^a-z0-9])(l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu|quelqu)${apostrophes}(?=[a-z0-9])`,
  "g",
);
const anyApostrophe = new RegExp(apostrophes, "g");

/** Cuts `slug` to at most `max` characters, on a hyphen boundary when there is one. */
function cut(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  if (slug[max] === "-") return slug.slice(0, max);
  const head = slug.slice(0, max);
  const boundary = head.lastIndexOf("-");
  return (boundary > 0 ? head.slice(0, boundary) : head).replace(/-+$/, "");
}

export function slugify(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[œæßøłđðþ]/g, (letter) => ligatures[letter] ?? letter)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(elision, "$1$2-")
    .replace(anyApostrophe, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return cut(slug, maxSlugLength) || fallbackSlug;
}

/**
 * The `n`-th variant of a slug (`n` ≥ 2): `slug-n`, with `slug` shortened on a hyphen boundary
 * so the result still fits in {@link maxSlugLength} characters.
 */
export function suffixSlug(slug: string, n: number): string {
  const suffix = `-${n}`;
  const base = cut(slug, maxSlugLength - suffix.length) || fallbackSlug;
  return `${base}${suffix}`;
}
