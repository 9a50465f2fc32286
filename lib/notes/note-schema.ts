import * as Y from "yjs";
import { AppError } from "../errors";
import { noteField } from "./note-field";
import type { NoteSettings } from "./note-settings";

/**
 * The shape a note may take, as the editor's TipTap schema makes it (StarterKit as configured
 * in live-note-editor.tsx): which nodes may hold which, their attributes, the marks on text.
 * Every client update is checked against it on the note's draft before it is stored, so one
 * member cannot store what breaks the page, the editor or other readers' screens.
 *
 * The check is incremental: it looks only at what the update's transaction added (items with
 * a clock at or above the transaction's start state) under the types it changed, and walks
 * each added subtree with an explicit stack, so a typed character costs a few steps however
 * large the note, and no depth can overflow the server's call stack.
 */
const blocks = new Set(["paragraph", "heading", "blockquote", "bulletList", "orderedList"]);
const listItems = new Set(["listItem"]);
const inline = new Set(["hardBreak"]);
const noChildren = new Set<string>();

/** What each node may hold: element names, and whether text is allowed. */
const content: Record<string, { elements: Set<string>; text: boolean }> = {
  [noteField]: { elements: blocks, text: false },
  blockquote: { elements: blocks, text: false },
  listItem: { elements: blocks, text: false },
  bulletList: { elements: listItems, text: false },
  orderedList: { elements: listItems, text: false },
  paragraph: { elements: inline, text: true },
  heading: { elements: inline, text: true },
  hardBreak: { elements: noChildren, text: false },
};

const isInteger = (value: unknown, min: number, max: number) =>
  typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;

const attributes: Record<string, Record<string, (value: unknown) => boolean>> = {
  heading: { level: (value) => isInteger(value, 1, 6) },
  orderedList: {
    start: (value) => isInteger(value, 0, 1_000_000),
    type: (value) => value === null || (typeof value === "string" && /^[1aAiI]$/.test(value)),
  },
};

/** Overlapping marks are stored as `name--hash` by the ProseMirror binding. */
export function markName(attribute: string): string {
  return attribute.replace(/--[a-zA-Z0-9+/=]{8}$/, "");
}

const relTokens = new Set(["nofollow", "noopener", "noreferrer", "ugc"]);

/** http(s) and mailto URLs, and paths on this site (not `//host`, which leaves it). */
export function isAllowedHref(value: unknown): value is string {
  if (typeof value !== "string" || value.length > 2048) return false;
  const href = value.trim();
  if (/^\/(?![/\\])/.test(href)) return !/[\u0000-\u001f\\]/.test(href);
  try {
    return ["http:", "https:", "mailto:"].includes(new URL(href).protocol);
  } catch {
    return false;
  }
}

const absent = (value: unknown) => value === null || value === undefined;
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/** A link carries its address and nothing that styles it or changes how it opens. */
function isAllowedLink(value: Record<string, unknown>): boolean {
  const allowedKeys = new Set(["href", "target", "rel", "class", "title"]);
  if (!Object.keys(value).every((key) => allowedKeys.has(key))) return false;
  return (
    isAllowedHref(value.href) &&
    absent(value.target) &&
    absent(value.class) &&
    (absent(value.rel) ||
      (typeof value.rel === "string" && value.rel.split(/\s+/).every((token) => relTokens.has(token)))) &&
    (absent(value.title) || (typeof value.title === "string" && value.title.length <= 500))
  );
}

function isAllowedMark(key: string, value: unknown): boolean {
  if (value === null) return true;
  const name = markName(key);
  if (name === "bold" || name === "italic") return isPlainObject(value) && Object.keys(value).length === 0;
  if (name === "link") return isPlainObject(value) && isAllowedLink(value);
  return false;
}

const refuse = (reason: string) =>
  new AppError("bad_request:note_schema", `Cette modification de la synthèse est refusée\u202f: ${reason}.`);

const linkRefused = () =>
  refuse(
    "un lien ne peut mener qu’à une adresse http, https, mailto ou à une page du site, sans autre attribut",
  );

function checkAttribute(element: Y.XmlElement, key: string) {
  const value: unknown = element.getAttribute(key);
  if (value === undefined) return;
  const rule = attributes[element.nodeName]?.[key];
  if (!rule || !rule(value))
    throw refuse(`l’attribut « ${key} » n’est pas permis sur « ${element.nodeName} »`);
}

function checkText(text: Y.XmlText, isNew: (item: Y.Item) => boolean) {
  for (const [key, item] of text._map) {
    if (!item.deleted) throw refuse(`le texte ne porte pas d’attribut (« ${key} »)`);
  }
  for (let item = text._start; item; item = item.right) {
    if (item.deleted || !isNew(item)) continue;
    const { content: part } = item;
    if (part instanceof Y.ContentString) continue;
    if (part instanceof Y.ContentFormat) {
      if (!isAllowedMark(part.key, part.value)) {
        if (markName(part.key) === "link") throw linkRefused();
        throw refuse(`la mise en forme « ${markName(part.key)} » n’existe pas ici`);
      }
      continue;
    }
    throw refuse("le texte ne contient que du texte et sa mise en forme");
  }
}

interface Pending {
  item: Y.Item;
  parentName: string;
  depth: number;
}

/** Checks added items under a parent, and everything inside the elements among them. */
function checkAdded(stack: Pending[], settings: Pick<NoteSettings, "maxDepth">) {
  const everything = () => true;
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { item, parentName, depth } = next;
    const allowed = content[parentName] ?? { elements: noChildren, text: false };
    const part = item.content;
    if (!(part instanceof Y.ContentType)) throw refuse(`« ${parentName} » ne contient que des blocs`);
    const node = part.type;
    if (node instanceof Y.XmlText) {
      if (!allowed.text) throw refuse(`« ${parentName} » ne contient pas de texte directement`);
      checkText(node, everything);
      continue;
    }
    if (!(node instanceof Y.XmlElement)) throw refuse("la synthèse ne contient que des blocs de texte");
    if (!allowed.elements.has(node.nodeName)) {
      throw refuse(`« ${node.nodeName} » n’est pas permis dans « ${parentName} »`);
    }
    if (depth > settings.maxDepth) {
      throw refuse(`les blocs ne s’imbriquent pas sur plus de ${settings.maxDepth} niveaux`);
    }
    for (const key of node._map.keys()) checkAttribute(node, key);
    for (let child = node._start; child; child = child.right) {
      if (!child.deleted) stack.push({ item: child, parentName: node.nodeName, depth: depth + 1 });
    }
  }
}

type SharedType = Y.Transaction["changed"] extends Map<infer T, unknown> ? T : never;

/** How deep an existing type sits (the note's fragment is 0); throws when it is not in the note. */
function depthOf(type: SharedType): { depth: number; name: string } {
  let depth = 0;
  let current: SharedType = type;
  while (current._item) {
    const parent = current._item.parent;
    if (!(parent instanceof Y.AbstractType)) throw refuse("la modification vise un élément inconnu");
    if (!(current instanceof Y.XmlText)) depth += 1;
    current = parent;
  }
  if (current.doc?.share.get(noteField) !== current) {
    throw refuse("la synthèse n’a qu’un seul document");
  }
  const name = type instanceof Y.XmlElement ? type.nodeName : type instanceof Y.XmlText ? "#text" : noteField;
  return { depth, name };
}

/**
 * Throws `bad_request:note_schema` when the transaction (one client update applied to the
 * note's draft) added anything the editor's schema does not allow.
 */
export function assertNoteSchema(transaction: Y.Transaction, settings: Pick<NoteSettings, "maxDepth">): void {
  const before = transaction.beforeState;
  const isNew = (item: Y.Item) => item.id.clock >= (before.get(item.id.client) ?? 0);
  for (const [type, keys] of transaction.changed) {
    const { depth, name } = depthOf(type);
    if (type instanceof Y.XmlText) {
      checkText(type, isNew);
      continue;
    }
    if (!(type instanceof Y.XmlElement) && !(type instanceof Y.XmlFragment)) {
      throw refuse("la synthèse ne contient que des blocs de texte");
    }
    for (const key of keys) {
      if (key === null) continue;
      if (!(type instanceof Y.XmlElement)) throw refuse("la synthèse ne porte pas d’attribut");
      checkAttribute(type, key);
    }
    const added: Pending[] = [];
    for (let item = type._start; item; item = item.right) {
      if (!item.deleted && isNew(item)) added.push({ item, parentName: name, depth: depth + 1 });
    }
    checkAdded(added, settings);
  }
}
