import { describe, expect, it } from "vitest";
import { linkRel, renderMarkdown } from "./markdown";

const allowedTags = new Set([
  "p",
  "br",
  "em",
  "strong",
  "s",
  "del",
  "code",
  "pre",
  "blockquote",
  "ul",
  "ol",
  "li",
  "a",
  "hr",
]);
const allowedAttributes = new Set(["href", "rel", "start"]);

/**
 * Reads every element of the output: text is escaped, so each "<" opens a real tag. Only the
 * tags comments need, with no attribute but href/rel/start, and links only to http(s) or mail.
 */
function expectInert(html: string) {
  for (const [, name, attributes] of html.matchAll(/<\/?([^\s/>]+)([^>]*)>/g)) {
    expect(allowedTags, `tag <${name}> in ${html}`).toContain(name!.toLowerCase());
    for (const [, attribute, value] of attributes!.matchAll(/([^\s=/]+)(?:="([^"]*)")?/g)) {
      expect(allowedAttributes, `attribute ${attribute} in ${html}`).toContain(attribute!.toLowerCase());
      if (attribute === "href") expect(value).toMatch(/^(https?:\/\/|mailto:)/i);
    }
  }
}

describe("renderMarkdown", () => {
  it("renders the Markdown comments need", () => {
    expect(renderMarkdown("*un* **deux** `trois`")).toBe(
      "<p><em>un</em> <strong>deux</strong> <code>trois</code></p>",
    );
    expect(renderMarkdown("- a\n- b")).toBe("<ul>\n<li>a</li>\n<li>b</li>\n</ul>");
    expect(renderMarkdown("3. trois\n4. quatre")).toContain('<ol start="3">');
    expect(renderMarkdown("> cité")).toBe("<blockquote>\n<p>cité</p>\n</blockquote>");
    expect(renderMarkdown("```\nconst a = 1 < 2;\n```")).toBe(
      "<pre><code>const a = 1 &lt; 2;\n</code></pre>",
    );
    expect(renderMarkdown("ligne\nsuivante")).toBe("<p>ligne<br />\nsuivante</p>");
  });

  it("gives links rel=nofollow ugc noopener, and links bare URLs", () => {
    expect(renderMarkdown("[Agora](https://agora.example/t/x)")).toBe(
      `<p><a href="https://agora.example/t/x" rel="${linkRel}">Agora</a></p>`,
    );
    expect(renderMarkdown("voir https://example.org")).toContain(
      `<a href="https://example.org" rel="${linkRel}">https://example.org</a>`,
    );
    expect(renderMarkdown("[écrire](mailto:a@b.fr)")).toContain('href="mailto:a@b.fr"');
  });

  it("shows script tags as text, never as elements", () => {
    const html = renderMarkdown("<script>window.__xss = 1</script>");
    expectInert(html);
    expect(html).toContain("&lt;script&gt;");
  });

  it.each([
    "[clic](javascript:alert(1))",
    "[clic](JaVaScRiPt:alert(1))",
    "[clic]( javascript:alert(1))",
    "[clic](java\tscript:alert(1))",
    "[clic](&#106;avascript:alert(1))",
    "[clic](javascript&colon;alert(1))",
    "[clic](vbscript:msgbox(1))",
    "<javascript:alert(1)>",
    "[clic][ref]\n\n[ref]: javascript:alert(1)",
    "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[clic](//evil.example/x)",
    "[clic](/relative/path)",
  ])("refuses a dangerous or relative link: %s", (source) => {
    const html = renderMarkdown(source);
    expectInert(html);
    expect(html).not.toMatch(/href=/);
  });

  it.each([
    '<img src=x onerror="window.__xss=1">',
    '<a href="#" onclick="alert(1)">x</a>',
    '<div onmouseover="alert(1)">survol</div>',
    '<svg onload="alert(1)"><script>alert(1)</script></svg>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "![x](https://tracker.example/pixel.gif)",
    '[x](https://ok.example "title" onclick=alert(1))',
    "`<img src=x onerror=alert(1)>`",
  ])("never renders an element that runs code: %s", (source) => {
    expectInert(renderMarkdown(source));
  });

  it("checks with a checker that does catch live markup", () => {
    expect(() => expectInert('<p><img src="x" onerror="alert(1)"></p>')).toThrow();
    expect(() => expectInert('<p><a href="javascript:alert(1)">x</a></p>')).toThrow();
    expect(() => expectInert('<p onclick="alert(1)">x</p>')).toThrow();
  });

  it("keeps the text of what it refuses readable", () => {
    expect(renderMarkdown('<img src=x onerror="alert(1)">')).toContain("&lt;img src=x onerror=");
  });
});
