import { renderMarkdown } from "./markdown";

/**
 * Rendered comments by Markdown source, least recently used first, bounded by characters
 * (sources and HTML together) so that a flood of long comments evicts instead of growing.
 *
 * Keyed by the source rather than by post: the HTML is a pure function of it, so an edit
 * simply misses (its new text is another key) and nothing ever needs invalidating, in this
 * process or another.
 */
export function createMarkdownCache(budgetChars: number) {
  const entries = new Map<string, string>();
  let chars = 0;
  return {
    render(source: string): string {
      const hit = entries.get(source);
      if (hit !== undefined) {
        // A Map iterates in insertion order: moving a hit to the end keeps the oldest first.
        entries.delete(source);
        entries.set(source, hit);
        return hit;
      }
      const html = renderMarkdown(source);
      const size = source.length + html.length;
      if (size > budgetChars) return html;
      entries.set(source, html);
      chars += size;
      for (const [oldSource, oldHtml] of entries) {
        if (chars <= budgetChars) break;
        entries.delete(oldSource);
        chars -= oldSource.length + oldHtml.length;
      }
      return html;
    },
    get size() {
      return { entries: entries.size, chars };
    },
  };
}

// About 8 MB at most: the first screens of a few thousand busy threads.
const budgetChars = 4_000_000;

// Next's bundle and server.ts load separate copies of this module; both render the same comments.
const globalForMarkdown = globalThis as { __agoraMarkdownCache?: ReturnType<typeof createMarkdownCache> };

/**
 * `renderMarkdown`, rendered once per source in this process. Rendering (markdown-it, then
 * sanitize-html) cost about 50 µs per comment on every read, a quarter of what each comment
 * on a thread page cost, and a busy thread's first screen is the same comments read over and
 * over.
 */
export function renderMarkdownCached(source: string): string {
  globalForMarkdown.__agoraMarkdownCache ??= createMarkdownCache(budgetChars);
  return globalForMarkdown.__agoraMarkdownCache.render(source);
}
