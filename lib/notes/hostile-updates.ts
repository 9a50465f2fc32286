import * as Y from "yjs";
import { noteField } from "./note-field";

/**
 * Updates an attacker would send, for the tests that make sure they are refused (not a test
 * file itself).
 */

/** Quotes nested `depth` levels deep around one paragraph, built in one transaction (one update). */
export function deeplyNested(depth: number, content: string, doc = new Y.Doc()): Y.Doc {
  doc.transact(() => {
    let parent: Y.XmlFragment = doc.getXmlFragment(noteField);
    for (let level = 0; level < depth; level += 1) {
      const quote = new Y.XmlElement("blockquote");
      parent.insert(0, [quote]);
      parent = quote;
    }
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [new Y.XmlText(content)]);
    parent.insert(0, [paragraph]);
  });
  return doc;
}

/** A copy of `update` with `count` bytes set to random values (the same seed, the same bytes). */
export function mutateBytes(update: Uint8Array, count: number, random: () => number): Uint8Array {
  const mutated = Uint8Array.from(update);
  for (let flip = 0; flip < count; flip += 1) {
    mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
  }
  return mutated;
}
