import * as Y from "yjs";
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { deeplyNested, mutateBytes } from "./hostile-updates";
import { LiveNote } from "./live-note";
import { noteField } from "./note-field";
import { assertNoteSchema } from "./note-schema";
import { seededRandom } from "./random-edits";
import { renderNoteText } from "./render-note";

const notes: LiveNote[] = [];
afterEach(() => notes.splice(0).forEach((note) => note.destroy()));

function liveNote() {
  const note = new LiveNote("note", { doc: new Y.Doc(), appliedSeq: 0, lastVersionAt: new Date() });
  notes.push(note);
  return note;
}

/** Stages and commits an update as the registry does, with the schema check. */
function accept(note: LiveNote, update: Uint8Array) {
  note.stage(update, "client", (transaction) => assertNoteSchema(transaction, { maxDepth: 20 }));
  note.commit();
}

function refusal(note: LiveNote, update: Uint8Array): AppError {
  try {
    accept(note, update);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("the update was accepted");
}

function element(name: string, children: (Y.XmlElement | Y.XmlText)[], attributes: object = {}) {
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

/** What `edit` adds to `doc`, as one update. */
function updateOf(doc: Y.Doc, edit: (fragment: Y.XmlFragment) => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.transact(() => edit(doc.getXmlFragment(noteField)));
  return Y.encodeStateAsUpdate(doc, before);
}

const paragraphWith = (attributes: Record<string, unknown>) => (fragment: Y.XmlFragment) =>
  fragment.push([element("paragraph", [text([{ insert: "lien", attributes }])])]);

/** The link mark's attributes as TipTap (configured as in the editor) writes them. */
const editorLink = {
  href: "https://exemple.fr/a",
  target: null,
  rel: "nofollow noopener noreferrer ugc",
  class: null,
  title: null,
};

describe("the note's schema, checked on every client update", () => {
  it("accepts what the editor writes, then typing, formatting and deleting in it", () => {
    const note = liveNote();
    const author = new Y.Doc();
    accept(
      note,
      updateOf(author, (fragment) =>
        fragment.push([
          element("heading", [text([{ insert: "Consensus" }])], { level: 2 }),
          element("paragraph", [
            text([
              { insert: "Le réseau " },
              { insert: "crée", attributes: { bold: {} } },
              { insert: " de la " },
              { insert: "valeur", attributes: { italic: {}, link: editorLink } },
            ]),
            element("hardBreak", []),
            text([{ insert: "ici", attributes: { link: { ...editorLink, href: "/t/autre" } } }]),
          ]),
          element("bulletList", [
            element("listItem", [
              element("paragraph", [text([{ insert: "un" }])]),
              element(
                "orderedList",
                [element("listItem", [element("paragraph", [text([{ insert: "a" }])])])],
                {
                  start: 3,
                },
              ),
            ]),
          ]),
          element("blockquote", [element("paragraph", [text([{ insert: "« Citation »" }])])]),
        ]),
      ),
    );
    const paragraph = () => author.getXmlFragment(noteField).get(1) as Y.XmlElement;
    accept(
      note,
      updateOf(author, () => (paragraph().get(0) as Y.XmlText).insert(3, "grand ")),
    );
    accept(
      note,
      updateOf(author, () => (paragraph().get(0) as Y.XmlText).format(0, 9, { bold: {} })),
    );
    accept(
      note,
      updateOf(author, () => (paragraph().get(0) as Y.XmlText).format(0, 9, { bold: null })),
    );
    accept(
      note,
      updateOf(author, (fragment) => fragment.delete(3, 1)),
    );
    expect(renderNoteText(note.doc)).toBe(renderNoteText(author));
  });

  it("refuses a quote nested 8,000 levels deep, and keeps nothing of it", () => {
    const note = liveNote();
    const error = refusal(note, Y.encodeStateAsUpdate(deeplyNested(8_000, "tout au fond")));
    expect(error.code).toBe("bad_request:note_schema");
    expect(error.message).toBe(
      "Cette modification de la synthèse est refusée\u202f: les blocs ne s’imbriquent pas sur plus de 20 niveaux.",
    );
    accept(note, updateOf(new Y.Doc(), paragraphWith({})));
    expect(renderNoteText(note.doc)).toBe("lien");
  });

  it("allows blocks 20 levels deep, not 21, counting what already holds them", () => {
    const note = liveNote();
    const author = deeplyNested(19, "vingtième niveau");
    accept(note, Y.encodeStateAsUpdate(author));
    let innermost = author.getXmlFragment(noteField).get(0) as Y.XmlElement;
    while (innermost.get(0) instanceof Y.XmlElement && innermost.nodeName === "blockquote") {
      innermost = innermost.get(0) as Y.XmlElement;
    }
    const quote = innermost.parent as Y.XmlElement;
    accept(
      note,
      updateOf(author, () => quote.push([element("blockquote", [])])),
    );
    const deepest = quote.get(1) as Y.XmlElement;
    expect(
      refusal(
        note,
        updateOf(author, () => deepest.push([element("paragraph", [])])),
      ).code,
    ).toBe("bad_request:note_schema");
  });

  it("refuses a link that carries a class, a target, an unsafe rel or an unsafe address", () => {
    for (const link of [
      { ...editorLink, class: "fixed inset-0 w-full min-h-dvh" },
      { ...editorLink, target: "_blank" },
      { ...editorLink, rel: "opener" },
      { ...editorLink, href: "javascript:alert(1)" },
      { ...editorLink, href: "//ailleurs.example/phish" },
      { ...editorLink, style: "position:fixed" },
    ]) {
      const error = refusal(liveNote(), updateOf(new Y.Doc(), paragraphWith({ link })));
      expect(error.message).toContain("un lien ne peut mener qu’à une adresse http, https, mailto");
    }
  });

  it("refuses nodes, attributes, marks and types the editor does not make", () => {
    const refused: ((fragment: Y.XmlFragment) => void)[] = [
      (fragment) => fragment.push([element("script", [text([{ insert: "alert(1)" }])])]),
      (fragment) => fragment.push([element("paragraph", [], { style: "position:fixed" })]),
      (fragment) => fragment.push([element("heading", [], { level: '1 onclick="x"' })]),
      (fragment) => fragment.push([element("listItem", [])]),
      (fragment) => fragment.push([text([{ insert: "hors bloc" }])]),
      paragraphWith({ textStyle: { style: "color:red" } }),
      paragraphWith({ bold: { class: "x" } }),
      (fragment) => fragment.doc!.getMap("ailleurs").set("clé", "valeur"),
      (fragment) => fragment.push([new Y.XmlHook("crochet") as never]),
    ];
    for (const edit of refused) {
      expect(refusal(liveNote(), updateOf(new Y.Doc(), edit)).code).toBe("bad_request:note_schema");
    }
  });

  it("refuses byte-mutated updates or applies them whole: nothing is left waiting in the note", () => {
    const author = new Y.Doc();
    const base = updateOf(author, (fragment) =>
      fragment.push([element("paragraph", [text([{ insert: "socle" }])])]),
    );
    const valid = updateOf(author, (fragment) => {
      (fragment.get(0) as Y.XmlElement).push([element("hardBreak", [])]);
      fragment.push([
        element("heading", [text([{ insert: "Titre", attributes: { bold: {} } }])], { level: 3 }),
        element("bulletList", [element("listItem", [element("paragraph", [text([{ insert: "point" }])])])]),
      ]);
      fragment.delete(0, 1);
    });
    const random = seededRandom(12);
    let refused = 0;
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const note = liveNote();
      accept(note, base);
      try {
        accept(note, mutateBytes(valid, 1 + Math.floor(random() * 3), random));
      } catch {
        refused += 1;
      }
      expect(note.hasPendingStructs()).toBe(false);
      // What was accepted loads again, and still accepts the genuine update.
      accept(note, valid);
      expect(() => renderNoteText(note.doc)).not.toThrow();
      note.destroy();
    }
    expect(refused).toBeGreaterThan(0);
  });
});
