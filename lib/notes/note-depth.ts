import * as Y from "yjs";
import { noteField } from "./note-field";

/**
 * Whether a note nests blocks deeper than `maxDepth`, walked with an explicit stack. The
 * editor checks it before mounting: the ProseMirror binding recurses over the tree, so a note
 * stored before updates were checked would crash the page's editor. Client-safe.
 */
export function nestsDeeperThan(doc: Y.Doc, maxDepth: number): boolean {
  const stack: { node: Y.XmlFragment; depth: number }[] = [{ node: doc.getXmlFragment(noteField), depth: 0 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    for (const child of next.node.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      if (next.depth + 1 > maxDepth) return true;
      stack.push({ node: child, depth: next.depth + 1 });
    }
  }
  return false;
}
