import { describe, expect, it } from "vitest";
import { maxSlugLength, slugify, suffixSlug } from "./slug";

describe("slugify", () => {
  it("lowercases and strips accents", () => {
    expect(slugify("Éléphant À Noël Ça Bêtement")).toBe("elephant-a-noel-ca-betement");
    expect(slugify("Les marques deviennent des personnes")).toBe("les-marques-deviennent-des-personnes");
  });

  it("spells out œ and æ ligatures", () => {
    expect(slugify("Cœur de l’Ætna, Œuvre et Cæsar")).toBe("coeur-de-l-aetna-oeuvre-et-caesar");
  });

  it("hyphenates French elisions and drops other apostrophes", () => {
    expect(slugify("Les vraies ruptures d’Internet")).toBe("les-vraies-ruptures-d-internet");
    expect(slugify("L'été qu’on n’attendait plus")).toBe("l-ete-qu-on-n-attendait-plus");
    expect(slugify("Aujourd’hui, jusqu’où ?")).toBe("aujourdhui-jusqu-ou");
    expect(slugify("Don't panic")).toBe("dont-panic");
  });

  it("turns any run of other characters into one hyphen and trims hyphens", () => {
    expect(slugify("  « Qui ? » — 3 thèmes… & 25 %  ")).toBe("qui-3-themes-25");
    expect(slugify("--Hello___World!!--")).toBe("hello-world");
    expect(slugify("Dieu\u00a0> Les Professeurs 🎉 2024")).toBe("dieu-les-professeurs-2024");
  });

  it("cuts long slugs at 80 characters on a hyphen boundary", () => {
    const title =
      "Internet n’est pas la première technologie dans l’histoire de l’humanité qui a engendré une rupture";
    const full =
      "internet-n-est-pas-la-premiere-technologie-dans-l-histoire-de-l-humanite-qui-a-engendre-une-rupture";
    const slug = slugify(title);
    expect(slug.length).toBeLessThanOrEqual(maxSlugLength);
    expect(full.startsWith(slug)).toBe(true);
    expect(full[slug.length]).toBe("-");
    expect(slug).toBe("internet-n-est-pas-la-premiere-technologie-dans-l-histoire-de-l-humanite-qui-a");
  });

  it("keeps a slug of exactly 80 characters and hard-cuts a single huge word", () => {
    const exact = `${"a".repeat(39)}-${"b".repeat(40)}`;
    expect(slugify(exact)).toBe(exact);
    expect(slugify(`${exact} c`)).toBe(exact);
    expect(slugify("x".repeat(200))).toBe("x".repeat(80));
  });

  it("falls back to « article » when nothing is left", () => {
    expect(slugify("")).toBe("article");
    expect(slugify(" !!! … ")).toBe("article");
    expect(slugify("🎉🎉")).toBe("article");
    expect(slugify("Ελληνικά")).toBe("article");
  });
});

describe("suffixSlug", () => {
  it("appends -n and keeps the result within 80 characters", () => {
    expect(suffixSlug("titre", 2)).toBe("titre-2");
    const long = slugify("mot ".repeat(40));
    expect(long.length).toBe(79);
    const suffixed = suffixSlug(long, 12);
    expect(suffixed.length).toBeLessThanOrEqual(maxSlugLength);
    expect(suffixed).toMatch(/^(mot-)+mot-12$/);
  });
});
