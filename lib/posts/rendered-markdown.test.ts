import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";
import { createMarkdownCache, renderMarkdownCached } from "./rendered-markdown";

describe("renderMarkdownCached", () => {
  it("answers what the sanitizer answers, the first time and the next", () => {
    const sources = [
      "*un* **deux** `trois`",
      '<script>alert(1)</script> [lien](javascript:alert(1)) <img src=x onerror="alert(1)">',
      "https://example.org/etude et [ici](http://exemple.fr)",
    ];
    for (const source of sources) {
      expect(renderMarkdownCached(source)).toBe(renderMarkdown(source));
      expect(renderMarkdownCached(source)).toBe(renderMarkdown(source));
    }
  });

  it("forgets the least recently used first and stays within its budget", () => {
    // Each entry is its source and its HTML: "a" renders as "<p>a</p>", 9 characters.
    const cache = createMarkdownCache(30);
    cache.render("a");
    cache.render("b");
    cache.render("c");
    expect(cache.size).toEqual({ entries: 3, chars: 27 });
    cache.render("a"); // now the most recent
    cache.render("d"); // evicts "b", the least recently used
    expect(cache.size).toEqual({ entries: 3, chars: 27 });
    expect(cache.render("b")).toBe("<p>b</p>"); // rendered again, evicts "c"
    expect(cache.size.chars).toBeLessThanOrEqual(30);
  });

  it("renders a source larger than the whole budget without keeping it", () => {
    const cache = createMarkdownCache(10);
    expect(cache.render("un texte bien trop long")).toBe("<p>un texte bien trop long</p>");
    expect(cache.size).toEqual({ entries: 0, chars: 0 });
  });
});
