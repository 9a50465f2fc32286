const rules = new Intl.PluralRules("fr");

/** French agreement: 0 and 1 take the singular ("0 commentaire", "1 commentaire", "2 commentaires"). */
export function countLabel(count: number, singular: string, plural: string): string {
  const formatted = new Intl.NumberFormat("fr-FR").format(count);
  return `${formatted}\u00a0${rules.select(count) === "one" || count === 0 ? singular : plural}`;
}
