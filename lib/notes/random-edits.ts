import * as Y from "yjs";
import { noteField } from "./note-field";

/** Seeded random edits for the convergence tests: the same seed replays the same session. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = [
  "réseau",
  "valeur",
  "marque",
  "personne",
  "co-design",
  "rupture",
  "idée",
  "lien",
  "« nous »",
  "é",
];

/** One random edit: mostly typing or deleting inside a paragraph, sometimes adding or removing one. */
export function randomEdit(doc: Y.Doc, random: () => number, tag: string): void {
  const fragment = doc.getXmlFragment(noteField);
  const paragraphs = fragment.toArray().filter((node): node is Y.XmlElement => node instanceof Y.XmlElement);
  const roll = random();
  if (paragraphs.length === 0 || roll < 0.08) {
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(`${tag} `)]);
    fragment.insert(Math.floor(random() * (fragment.length + 1)), [paragraph]);
    return;
  }
  const paragraph = paragraphs[Math.floor(random() * paragraphs.length)]!;
  if (roll < 0.11 && paragraphs.length > 2) {
    fragment.delete(fragment.toArray().indexOf(paragraph), 1);
    return;
  }
  const text = paragraph.get(0);
  if (!(text instanceof Y.XmlText)) return;
  if (roll < 0.7 || text.length === 0) {
    const word = `${words[Math.floor(random() * words.length)]}${tag} `;
    text.insert(Math.floor(random() * (text.length + 1)), word, random() < 0.2 ? { bold: {} } : undefined);
  } else {
    const start = Math.floor(random() * text.length);
    text.delete(start, Math.min(text.length - start, 1 + Math.floor(random() * 6)));
  }
}

/** The content to compare: the whole XML tree, marks included. */
export function contentOf(doc: Y.Doc): string {
  return doc.getXmlFragment(noteField).toString();
}
