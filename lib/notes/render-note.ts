import * as Y from "yjs";
import { noteField } from "./note-field";
import { isAllowedHref, markName } from "./note-schema";

/**
 * Renders the note's document to HTML for the server-rendered page. The output is built, not
 * filtered: only the elements below are emitted, every text and attribute is escaped, and a
 * link keeps its href only when it is http(s), mailto or a path on the site, with a fixed rel
 * and no target. Unknown nodes keep their text. Trees are walked with an explicit stack, not
 * recursion: a document nested thousands of levels deep (stored before updates were checked)
 * still renders instead of overflowing the call stack of every page that shows it.
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

export function safeHref(value: unknown): string | null {
  if (!isAllowedHref(value)) return null;
  const href = value.trim();
  return href.startsWith("/") ? href : new URL(href).toString();
}

export const linkRel = "nofollow ugc noopener noreferrer";

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
      if (href) html = `<a href="${escapeHtml(href)}" rel="${linkRel}">${html}</a>`;
      return html;
    })
    .join("");
}

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook;

function childrenOf(node: Y.XmlFragment | Y.XmlElement): Node[] {
  return node.toArray();
}

/** Pushes `node`'s children so that the first is popped first (a loop: a spread of a long list would overflow). */
function pushChildren<T>(stack: (Node | T)[], node: Y.XmlFragment | Y.XmlElement) {
  const children = childrenOf(node);
  for (let index = children.length - 1; index >= 0; index -= 1) stack.push(children[index]!);
}

/** An element's opening and closing tags; unknown elements have none (their content shows). */
function tagsOf(node: Y.XmlElement): [open: string, close: string] {
  switch (node.nodeName) {
    case "heading": {
      const level = Math.min(Math.max(Number(node.getAttribute("level")) || 2, 2), 4);
      return [`<h${level}>`, `</h${level}>`];
    }
    case "hardBreak":
      return ["<br>", ""];
    case "horizontalRule":
      return ["<hr>", ""];
    case "orderedList": {
      const start = Number(node.getAttribute("start"));
      const startAttribute = Number.isInteger(start) && start > 1 ? ` start="${start}"` : "";
      return [`<ol${startAttribute}>`, "</ol>"];
    }
    default: {
      const tag = blockTags[node.nodeName];
      return tag ? [`<${tag}>`, `</${tag}>`] : ["", ""];
    }
  }
}

const voidElements = new Set(["hardBreak", "horizontalRule"]);

export function renderNoteHtml(doc: Y.Doc): string {
  const html: string[] = [];
  // Closing tags wait on the stack below the children they close.
  const stack: (Node | string)[] = [];
  pushChildren(stack, doc.getXmlFragment(noteField));
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (typeof next === "string") html.push(next);
    else if (next instanceof Y.XmlText) html.push(renderText(next));
    else if (next instanceof Y.XmlElement) {
      const [open, close] = tagsOf(next);
      html.push(open);
      if (voidElements.has(next.nodeName)) continue;
      stack.push(close);
      pushChildren(stack, next);
    }
  }
  return html.join("");
}

const blockNodes = new Set(["paragraph", "heading", "listItem", "blockquote", "codeBlock", "horizontalRule"]);

const endOfBlock = Symbol("end of block");

function collectText(root: Y.XmlFragment, lines: string[]) {
  const newLine = () => {
    if (lines[lines.length - 1] !== "") lines.push("");
  };
  const stack: (Node | typeof endOfBlock)[] = [];
  pushChildren(stack, root);
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node === endOfBlock) {
      newLine();
      continue;
    }
    if (node instanceof Y.XmlText) {
      lines[lines.length - 1] += (node.toDelta() as Delta)
        .map(({ insert }) => (typeof insert === "string" ? insert : ""))
        .join("");
      continue;
    }
    if (!(node instanceof Y.XmlElement)) continue;
    const isBlock = blockNodes.has(node.nodeName);
    if (node.nodeName === "hardBreak") lines[lines.length - 1] += "\n";
    if (isBlock) {
      newLine();
      stack.push(endOfBlock);
    }
    pushChildren(stack, node);
  }
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
