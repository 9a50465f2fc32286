const rules = new Intl.PluralRules("fr");
// Built once: constructing an Intl formatter costs about 50 µs, formatting with it well under 1.
const numbers = new Intl.NumberFormat("fr-FR");

/** French agreement: 0 and 1 take the singular ("0 commentaire", "1 commentaire", "2 commentaires"). */
export function countLabel(count: number, singular: string, plural: string): string {
  return `${numbers.format(count)}\u00a0${rules.select(count) === "one" || count === 0 ? singular : plural}`;
}
