import { readFileSync } from "node:fs";
import { parseArticles, type ParsedPoint } from "../lib/articles/parse-articles";

/** What the demo file says, read with the same parser the importer uses. */
export const demoArticles = parseArticles(readFileSync("db/seed/articles.fr.txt", "utf8")).articles;

export function flattenPoints(points: ParsedPoint[]): string[] {
  return points.flatMap((point) => [point.text, ...flattenPoints(point.points)]);
}
