import * as Y from "yjs";
import { noteField } from "./note-field";

/**
 * Renders the note's document to HTML for the server-rendered page. The output is built, not
 * filtered: only the elements below are emitted, every text and attribute is escaped, and a
 * link keeps its href only when it is http(s) or mailto. Unknown nodes keep their text.
 */
const blockTags: Record<string, string> = {
  paragraph: "p",
  blockquote: "blockquote",
  bulletList: "ul",
  orderedList: "ol",
  listItem: "li",
  codeBlock: "pre",
};

const markTags: [mark: string, tag: string][] = [
  ["bold", "strong"],
  ["italic", "em"],
  ["underline", "u"],
  ["strike", "s"],
  ["code", "code"],
];

const escapes: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => escapes[char] ?? char);
}

/** Overlapping marks are stored as `name--hash` by the ProseMirror binding. */
function markName(attribute: string): string {
  return attribute.replace(/--[a-zA-Z0-9+/=]{8}$/, "");
}

export function safeHref(value: unknown): string | null {
  if (typeof value !== "string") return null;
  try {
    const url = new URL(value.trim());
    return ["http:", "https:", "mailto:"].includes(url.protocol) ? url.toString() : null;
  } catch {
    return null;
  }
}

type Delta = { insert?: unknown; attributes?: Record<string, unknown> }[];

function renderText(text: Y.XmlText): string {
  return (text.toDelta() as Delta)
    .map(({ insert, attributes = {} }) => {
      if (typeof insert !== "string") return "";
      let html = escapeHtml(insert);
      const marks = new Set(Object.keys(attributes).map(markName));
      for (const [mark, tag] of markTags) if (marks.has(mark)) html = `<${tag}>${html}</${tag}>`;
      const link = Object.entries(attributes).find(([name]) => markName(name) === "link")?.[1];
      const href = safeHref((link as { href?: unknown } | undefined)?.href);
      if (href) html = `<a href="${escapeHtml(href)}" rel="nofollow noopener noreferrer ugc">${html}</a>`;
      return html;
    })
    .join("");
}

function renderChildren(node: Y.XmlFragment | Y.XmlElement): string {
  return node
    .toArray()
    .map((child) => renderNode(child))
    .join("");
}

function renderNode(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  if (node instanceof Y.XmlText) return renderText(node);
  if (!(node instanceof Y.XmlElement)) return "";
  const inner = renderChildren(node);
  switch (node.nodeName) {
    case "heading": {
      const level = Math.min(Math.max(Number(node.getAttribute("level")) || 2, 2), 4);
      return `<h${level}>${inner}</h${level}>`;
    }
    case "hardBreak":
      return "<br>";
    case "horizontalRule":
      return "<hr>";
    case "orderedList": {
      const start = Number(node.getAttribute("start"));
      const startAttribute = Number.isInteger(start) && start > 1 ? ` start="${start}"` : "";
      return `<ol${startAttribute}>${inner}</ol>`;
    }
    default: {
      const tag = blockTags[node.nodeName];
      return tag ? `<${tag}>${inner}</${tag}>` : inner;
    }
  }
}

export function renderNoteHtml(doc: Y.Doc): string {
  return renderChildren(doc.getXmlFragment(noteField));
}

const blockNodes = new Set(["paragraph", "heading", "listItem", "blockquote", "codeBlock", "horizontalRule"]);

function collectText(node: Y.XmlFragment | Y.XmlElement | Y.XmlText | Y.XmlHook, lines: string[]) {
  if (node instanceof Y.XmlText) {
    lines[lines.length - 1] += (node.toDelta() as Delta)
      .map(({ insert }) => (typeof insert === "string" ? insert : ""))
      .join("");
    return;
  }
  if (node instanceof Y.XmlHook) return;
  const isBlock = node instanceof Y.XmlElement && blockNodes.has(node.nodeName);
  if (node instanceof Y.XmlElement && node.nodeName === "hardBreak") lines[lines.length - 1] += "\n";
  if (isBlock && lines[lines.length - 1] !== "") lines.push("");
  for (const child of node.toArray()) collectText(child, lines);
  if (isBlock && lines[lines.length - 1] !== "") lines.push("");
}

/** Plain text, one block per line: for search, previews and versions. */
export function renderNoteText(doc: Y.Doc): string {
  const lines = [""];
  collectText(doc.getXmlFragment(noteField), lines);
  return lines
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .join("\n");
}

/** A document holding one encoded state, for reading a stored version or snapshot. */
export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  Y.applyUpdate(doc, state);
  return doc;
}
