/**
 * Caret and presence colours: each dark enough for white text at WCAG AA, and always shown
 * with the member's name, so no information rests on colour alone. Client-safe.
 */
export const noteColors = [
  "#a23b2a",
  "#1f5fbf",
  "#2e6b30",
  "#7b3f9e",
  "#9a4d00",
  "#00695c",
  "#b0195a",
  "#5d4037",
] as const;

/** The same member always gets the same colour, on every instance and every visit. */
export function colorForUser(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return noteColors[hash % noteColors.length]!;
}
