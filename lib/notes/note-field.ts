/** The Y.XmlFragment TipTap's Collaboration extension edits (its default `field`). Client-safe. */
export const noteField = "default";
