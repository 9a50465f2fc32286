import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { deeplyNested } from "./hostile-updates";
import { noteField } from "./note-field";
import { docFromState, renderNoteHtml, renderNoteText, safeHref } from "./render-note";

/** Builds the XmlFragment the way TipTap's Collaboration extension stores it. */
function element(
  name: string,
  children: (Y.XmlElement | Y.XmlText)[],
  attributes: Record<string, unknown> = {},
) {
  const node = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value as string);
  node.insert(0, children);
  return node;
}

function text(delta: { insert: string; attributes?: Record<string, unknown> }[]) {
  const node = new Y.XmlText();
  node.applyDelta(delta);
  return node;
}

function docWith(nodes: () => Y.XmlElement[]): Y.Doc {
  const doc = new Y.Doc();
  doc.getXmlFragment(noteField).insert(0, nodes());
  return doc;
}

describe("rendering a note", () => {
  it("renders headings, marks, links, lists and quotes as HTML and as plain text", () => {
    const doc = docWith(() => [
      element("heading", [text([{ insert: "Ce qui fait consensus" }])], { level: 2 }),
      element("paragraph", [
        text([
          { insert: "Le réseau " },
          { insert: "crée", attributes: { bold: {} } },
          { insert: " de la " },
          {
            insert: "valeur",
            attributes: { italic: {}, "link--AbCd1234": { href: "https://exemple.fr/a?b=1&c=2" } },
          },
        ]),
      ]),
      element("bulletList", [
        element("listItem", [element("paragraph", [text([{ insert: "un" }])])]),
        element("listItem", [element("paragraph", [text([{ insert: "deux" }])])]),
      ]),
      element("orderedList", [element("listItem", [element("paragraph", [text([{ insert: "trois" }])])])], {
        start: 3,
      }),
      element("blockquote", [element("paragraph", [text([{ insert: "« Citation »" }])])]),
    ]);
    expect(renderNoteHtml(doc)).toBe(
      "<h2>Ce qui fait consensus</h2>" +
        "<p>Le réseau <strong>crée</strong> de la " +
        '<a href="https://exemple.fr/a?b=1&amp;c=2" rel="nofollow ugc noopener noreferrer"><em>valeur</em></a></p>' +
        "<ul><li><p>un</p></li><li><p>deux</p></li></ul>" +
        '<ol start="3"><li><p>trois</p></li></ol>' +
        "<blockquote><p>« Citation »</p></blockquote>",
    );
    expect(renderNoteText(doc)).toBe(
      "Ce qui fait consensus\nLe réseau crée de la valeur\nun\ndeux\ntrois\n« Citation »",
    );
  });

  it("escapes text, drops unknown elements and unsafe links, and clamps heading levels", () => {
    const doc = docWith(() => [
      element("paragraph", [text([{ insert: '<img src=x onerror="alert(1)">' }])]),
      element("script", [text([{ insert: "alert(2)" }])]),
      element("paragraph", [
        text([{ insert: "clic", attributes: { link: { href: "javascript:alert(3)" } } }]),
      ]),
      element("heading", [text([{ insert: "titre" }])], { level: '1 onclick="x"' }),
      element("heading", [text([{ insert: "petit" }])], { level: 6 }),
    ]);
    expect(renderNoteHtml(doc)).toBe(
      "<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>alert(2)<p>clic</p><h2>titre</h2><h4>petit</h4>",
    );
  });

  it("accepts only http(s), mailto and same-site links", () => {
    expect(safeHref("https://agora.example/t/1")).toBe("https://agora.example/t/1");
    expect(safeHref("mailto:moi@example.fr")).toBe("mailto:moi@example.fr");
    expect(safeHref(" javascript:alert(1)")).toBeNull();
    expect(safeHref("data:text/html,<b>")).toBeNull();
    expect(safeHref("/relatif")).toBe("/relatif");
    expect(safeHref("//ailleurs.example/x")).toBeNull();
    expect(safeHref("/\\ailleurs.example")).toBeNull();
    expect(safeHref(42)).toBeNull();
  });

  it("renders a document nested thousands of levels deep without overflowing the stack", () => {
    const doc = deeplyNested(8_000, "tout au fond");
    const html = renderNoteHtml(docFromState(Y.encodeStateAsUpdate(doc)));
    expect(html.startsWith("<blockquote>".repeat(8_000) + "<p>tout au fond</p></blockquote>")).toBe(true);
    expect(html.length).toBe("<blockquote></blockquote>".length * 8_000 + "<p>tout au fond</p>".length);
    expect(renderNoteText(doc)).toBe("tout au fond");
  });

  it("renders a link with the site's rel whatever the mark carries, and no class or target", () => {
    const doc = docWith(() => [
      element("paragraph", [
        text([
          {
            insert: "voir",
            attributes: {
              link: { href: "/t/autre", class: "fixed inset-0", target: "_blank", rel: "opener" },
            },
          },
        ]),
      ]),
    ]);
    expect(renderNoteHtml(doc)).toBe(
      '<p><a href="/t/autre" rel="nofollow ugc noopener noreferrer">voir</a></p>',
    );
  });

  it("reads a stored state back into a document", () => {
    const doc = docWith(() => [element("paragraph", [text([{ insert: "gardé" }])])]);
    expect(renderNoteText(docFromState(Y.encodeStateAsUpdate(doc)))).toBe("gardé");
    expect(renderNoteText(new Y.Doc())).toBe("");
  });
});
