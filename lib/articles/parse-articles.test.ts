import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import {
  decodeArticleFile,
  parseArticles,
  parsedArticleFileSchema,
  type ParsedArticle,
  type ParsedPoint,
} from "./parse-articles";

const demoBytes = readFileSync(new URL("../../db/seed/articles.fr.txt", import.meta.url));
const demoText = demoBytes.toString("utf8");
const viaShapes = readFileSync(new URL("./fixtures/via-shapes.fr.txt", import.meta.url), "utf8");

const nbsp = "\u00a0";
const encode = (text: string) => new TextEncoder().encode(text);

/** Depth-first, as an article reads. */
function flatten(points: ParsedPoint[], into: ParsedPoint[] = []): ParsedPoint[] {
  for (const point of points) {
    into.push(point);
    flatten(point.points, into);
  }
  return into;
}

const texts = (points: ParsedPoint[]) => points.map((point) => point.text);

function only(text: string): ParsedArticle {
  const { articles } = parseArticles(text);
  expect(articles).toHaveLength(1);
  const [article] = articles;
  if (!article) throw new Error("no article");
  return article;
}

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`nothing at index ${index}`);
  return item;
}

function thrown(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected an AppError, nothing was thrown");
}

describe("parseArticles on text PostgreSQL would refuse", () => {
  it("drops NUL characters and replaces lone surrogates, so importing it is no 500", () => {
    const file = parseArticles("Titre\u0000 piégé\n\nIntro \uD800 coupée\n\n– <scr\u0000ipt>\n\nVia");
    const article = file.articles[0]!;
    expect(article.title).toBe("Titre piégé");
    expect(article.intro).toEqual(["Intro \uFFFD coupée"]);
    expect(article.takeaways[0]!.text).toBe("<script>");
  });
});

describe("parseArticles on the demo file", () => {
  const { articles, warnings } = parseArticles(demoText);
  const first = at(articles, 0);
  const second = at(articles, 1);

  it("finds exactly the two articles, with their titles, lines and slugs", () => {
    expect(articles.map((article) => article.title)).toEqual([
      "Les vraies ruptures d’Internet",
      "Les marques deviennent des personnes et les personnes deviennent des marques",
    ]);
    expect(articles.map((article) => article.line)).toEqual([3, 30]);
    expect(articles.map((article) => article.slug)).toEqual([
      "les-vraies-ruptures-d-internet",
      "les-marques-deviennent-des-personnes-et-les-personnes-deviennent-des-marques",
    ]);
    expect(warnings).toEqual([]);
  });

  it("keeps the intro paragraphs exactly", () => {
    expect(first.intro).toEqual([
      "Après la conférence de Pierre Bellanger en mai dernier pour expliquer les enjeux de la communication via " +
        `Internet pour les entreprises et comment les marques doivent communiquer «${nbsp}avec${nbsp}» Internet, ` +
        "voici une nouvelle conférence ErNeSt de Serge Soudoplatoff sur les vraies ruptures d’Internet.",
      "Cela dure 15 minutes, alors si vous n’avez pas le temps de tout regarder, voici ce que nous en avons retenu :",
    ]);
    expect(second.intro).toEqual([
      "Un peu sur le modèle des conférences TED, l’Ecole Normale Supérieure a créé les conférences ErNeSt : un " +
        "intervenant charismatique a 15 minutes pour faire une présentation pédagogique sur un sujet dans son " +
        "domaine d’expertise. Le 29 mai dernier était donc invité Pierre Bellanger, PDG de Skyrock et fondateur " +
        "de Skyblog, pour expliquer les enjeux de la communication via Internet pour les entreprises et comment " +
        `les marques doivent communiquer «${nbsp}avec${nbsp}» Internet.`,
      "La vidéo est un peu longue, mais devient particulièrement intéressante à partir de la 10ème minute. Si " +
        `vous n’avez pas le temps de la regarder, voici ce que nous en avons retenu${nbsp}:`,
    ]);
    const lines = demoText.split("\n");
    expect(first.intro).toEqual([lines[4], lines[6]]);
    expect(second.intro).toEqual([lines[31], lines[33]]);
  });

  it("reads article 1 as 10 takeaways, the 9th with 3 numbered sub-points and 3 sub-sub-points", () => {
    expect(first.takeaways).toHaveLength(10);
    const themes = at(first.takeaways, 8);
    expect(themes.text).toBe("3 thèmes :");
    expect(themes.line).toBe(17);
    expect(themes.points).toHaveLength(3);
    expect(at(themes.points, 0).text).toMatch(
      /^La valeur est dans le réseau, dans les relations horizontales\./,
    );
    expect(at(themes.points, 1).text).toMatch(/^Internet favorise l’économie immatérielle\./);
    expect(at(themes.points, 2).text).toMatch(/^Le co-design : le client ne veut plus/);
    expect(texts(at(themes.points, 0).points)).toEqual([
      `La connaissance individuelle («${nbsp}je sais${nbsp}»)`,
      `La connaissance collective («${nbsp}tout le monde sait${nbsp}»)`,
      `La connaissance globale («${nbsp}tout le monde sait que les autres savent${nbsp}»)`,
    ]);
    expect(at(themes.points, 1).points).toEqual([]);
    expect(at(themes.points, 2).points).toEqual([]);
    for (const [index, point] of first.takeaways.entries()) {
      if (index !== 8) expect(point.points).toEqual([]);
    }
    expect(at(first.takeaways, 0).text).toBe(
      "Internet n’est pas la 1ère technologie dans l’histoire de l’humanité qui a engendré une rupture.",
    );
    const last = at(first.takeaways, 9);
    expect(last.text.startsWith("Avant, il y avait un monde simple")).toBe(true);
    expect(last.text).toContain(
      `Dieu${nbsp}> Les Professeurs${nbsp}> Les experts${nbsp}${nbsp}> Les présidents.`,
    );
    expect(last.line).toBe(26);
  });

  it("reads article 2 as 10 flat « • » takeaways although they are indented", () => {
    expect(second.takeaways).toHaveLength(10);
    expect(second.takeaways.every((point) => point.points.length === 0)).toBe(true);
    expect(at(second.takeaways, 0).text).toBe(
      `On ne communique pas «${nbsp}sur${nbsp}», mais «${nbsp}avec${nbsp}» Internet${nbsp};`,
    );
    expect(at(second.takeaways, 9).text).toBe(
      `La mauvaise nouvelle, c’est que la publicité est une bonne nouvelle${nbsp}!`,
    );
  });

  it("keeps every marker line of the file, in order, as a point's text", () => {
    // Independent scan: any line whose first visible character is –, • or a number followed by a dot.
    const expected: { line: number; text: string }[] = [];
    demoText.split("\n").forEach((raw, index) => {
      const match = /^[ \u00a0]*(?:–|•|\d+\.)[ \u00a0]+(.*\S)[ \u00a0]*$/u.exec(raw);
      if (match?.[1]) expected.push({ line: index + 1, text: match[1] });
    });
    expect(expected).toHaveLength(26);
    const points = articles.flatMap((article) => flatten(article.takeaways));
    expect(points.map(({ line, text }) => ({ line, text }))).toEqual(expected);
  });

  it("reads both closing « Via » lines as a source without link", () => {
    expect(first.source).toEqual({ label: "Via", url: null });
    expect(second.source).toEqual({ label: "Via", url: null });
  });

  it("gives the same result from the raw bytes, and output the schema accepts", () => {
    expect(parseArticles(decodeArticleFile(demoBytes))).toEqual(parseArticles(demoText));
    expect(parsedArticleFileSchema.safeParse(parseArticles(demoText)).success).toBe(true);
    expect(first.contentHash).toMatch(/^[0-9a-f]{16}$/);
    expect(first.contentHash).not.toBe(second.contentHash);
  });
});

describe("list markers", () => {
  it("accepts –, •, -, * and drops the marker with its whitespace", () => {
    const article = only("Titre\n\n– tiret demi-cadratin\n• puce\n- trait d’union\n* astérisque\n");
    expect(texts(article.takeaways)).toEqual(["tiret demi-cadratin", "puce", "trait d’union", "astérisque"]);
    expect(article.takeaways.map((point) => point.line)).toEqual([3, 4, 5, 6]);
  });

  it("accepts numbers followed by « . » or « ) », of any length", () => {
    const article = only("Titre\n\n1. un\n2) deux\n10) dix\n123. cent vingt-trois\n");
    expect(texts(article.takeaways)).toEqual(["un", "deux", "dix", "cent vingt-trois"]);
  });

  it("accepts tabs, no-break and narrow no-break spaces after the marker", () => {
    const article = only(
      `Titre\n\n-\tun\n1.\t\tdeux\n–${nbsp.repeat(9)} trois\n•\u202f\u202fquatre\n2)${nbsp}\tcinq${nbsp} \t\n`,
    );
    expect(texts(article.takeaways)).toEqual(["un", "deux", "trois", "quatre", "cinq"]);
  });

  it("does not take glued or look-alike markers for list items", () => {
    const article = only(
      "Titre\n\n1.5 million, *vraiment* -pas une liste\n–collé\n---\nsuite\n\n– vrai point\n",
    );
    expect(article.intro).toEqual(["1.5 million, *vraiment* -pas une liste\n–collé", "suite"]);
    expect(texts(article.takeaways)).toEqual(["vrai point"]);
  });

  it("ignores an empty marker with a warning", () => {
    const { articles, warnings } = parseArticles("Titre\n\n– un\n–\n– deux\n");
    expect(texts(at(articles, 0).takeaways)).toEqual(["un", "deux"]);
    expect(warnings).toEqual([{ line: 4, message: "Élément de liste vide ignoré." }]);
  });
});

describe("text fidelity", () => {
  it("keeps typography, no-break spaces inside the text, emoji and double spaces", () => {
    const title = `Le « Web 2.0 »${nbsp}: quoi de neuf ? 🚀 – l’avenir…`;
    const item = `«${nbsp}Citation${nbsp}» —  deux  espaces, 👩‍💻 et 1/4 ¼ … fin${nbsp}!`;
    const article = only(
      `${title}\n\nIntro 😀  avec\u202fespace fine.\n\n–${nbsp}${nbsp}${item}${nbsp} \t\n`,
    );
    expect(article.title).toBe(title);
    expect(article.intro).toEqual(["Intro 😀  avec\u202fespace fine."]);
    expect(at(article.takeaways, 0).text).toBe(item);
  });

  it("joins the lines of one intro paragraph with a newline", () => {
    const article = only("Titre\n\nLigne un\nLigne deux  \n\n  Second paragraphe\n\n- point\n");
    expect(article.intro).toEqual(["Ligne un\nLigne deux", "Second paragraphe"]);
  });
});

describe("line endings", () => {
  const lf =
    "Articles\n\nTitre\n\nIntro\nsur deux lignes\n\n– un\n  – sous-point\n– deux\nsuite\n\nVia\n\nAutre\n\n• trois\n";

  it("gives the same output for CRLF, lone CR and LF", () => {
    const expected = parseArticles(lf);
    expect(parseArticles(lf.replace(/\n/g, "\r\n"))).toEqual(expected);
    expect(parseArticles(lf.replace(/\n/g, "\r"))).toEqual(expected);
    expect(at(expected.articles, 1).line).toBe(15);
  });

  it("strips a leading BOM", () => {
    expect(parseArticles(`\ufeff${lf}`)).toEqual(parseArticles(lf));
    expect(decodeArticleFile(encode(`\ufeff${lf}`))).toBe(lf);
  });
});

describe("nesting", () => {
  it("nests deeper items, keeps siblings and pops back several levels", () => {
    const article = only(
      [
        "Titre",
        "",
        "- A",
        "  - A.1",
        "    - A.1.a",
        "      - A.1.a.i",
        "    - A.1.b",
        "  - A.2",
        "- B",
        "\t- B.1",
        "\t\t1) B.1.1",
        "- C",
        "    - C.1",
        "  - C.2 (moins indenté que C.1, plus que C)",
      ].join("\n"),
    );
    const shape = (points: ParsedPoint[]): unknown =>
      points.map((point) => [point.text, shape(point.points)]);
    expect(shape(article.takeaways)).toEqual([
      [
        "A",
        [
          [
            "A.1",
            [
              ["A.1.a", [["A.1.a.i", []]]],
              ["A.1.b", []],
            ],
          ],
          ["A.2", []],
        ],
      ],
      ["B", [["B.1", [["B.1.1", []]]]]],
      [
        "C",
        [
          ["C.1", []],
          ["C.2 (moins indenté que C.1, plus que C)", []],
        ],
      ],
    ]);
  });

  it("lets the first item set the base level, and keeps blank lines inside the list", () => {
    const article = only("Titre\n\n    • un\n\n    • deux\n\n\n      – sous\n  • trois\n• quatre\n");
    expect(texts(article.takeaways)).toEqual(["un", "deux", "trois", "quatre"]);
    expect(texts(at(article.takeaways, 1).points)).toEqual(["sous"]);
  });

  it("refuses nesting deeper than 16 levels, naming the line", () => {
    const deep = Array.from({ length: 17 }, (_, depth) => `${" ".repeat(depth * 2)}- niveau ${depth + 1}`);
    expect(() => parseArticles(`Titre\n\n${deep.slice(0, 16).join("\n")}\n`)).not.toThrow();
    const error = thrown(() => parseArticles(`Titre\n\n${deep.join("\n")}\n`));
    expect(error.code).toBe("bad_request:article_file");
    expect(error.details).toEqual({ line: 19 });
  });
});

describe("continuation lines", () => {
  it("appends a line glued under an item, indented or not, with a single space", () => {
    const article = only(
      "Titre\n\n– début\nsuite à la marge\n      suite indentée  \n– autre\n  – sous\n    fin du sous\n",
    );
    expect(texts(article.takeaways)).toEqual(["début suite à la marge suite indentée", "autre"]);
    expect(texts(at(article.takeaways, 1).points)).toEqual(["sous fin du sous"]);
  });

  it("appends an indented line after a blank line to the last item", () => {
    const article = only("Titre\n\n– un\n\n   encore un\n– deux\n");
    expect(texts(article.takeaways)).toEqual(["un encore un", "deux"]);
  });

  it("continues an item with a lowercase « via » but closes the article at a capital « Via »", () => {
    const glued = only("Titre\n\n– des ventes\nvia le réseau\n– fin\nVia\n");
    expect(texts(glued.takeaways)).toEqual(["des ventes via le réseau", "fin"]);
    expect(glued.source).toEqual({ label: "Via", url: null });
  });
});

describe("article boundaries", () => {
  it("starts the next article at a non-indented line after the list and a blank line when there is no Via", () => {
    const { articles } = parseArticles("Premier\n\n– a\n– b\n\nSecond\n\nSon intro\n\n– c\n");
    expect(articles.map((article) => article.title)).toEqual(["Premier", "Second"]);
    expect(at(articles, 0).source).toBeNull();
    expect(texts(at(articles, 0).takeaways)).toEqual(["a", "b"]);
    expect(at(articles, 1).line).toBe(6);
    expect(at(articles, 1).intro).toEqual(["Son intro"]);
    expect(texts(at(articles, 1).takeaways)).toEqual(["c"]);
  });

  it("takes the next non-blank line after a Via line as a title", () => {
    const { articles } = parseArticles(
      "Un\n\n– a\n\nVia\nDeux\n– b\nVia https://x.fr\n\n\nTrois\n– c\nVia\n",
    );
    expect(articles.map((article) => [article.title, article.line])).toEqual([
      ["Un", 1],
      ["Deux", 6],
      ["Trois", 11],
    ]);
    expect(at(articles, 1).source).toEqual({ label: "x.fr", url: "https://x.fr" });
  });

  it("skips a lone « Articles » heading, but only when a blank line follows it", () => {
    expect(parseArticles("\n\nArticles\n\nTitre\n\n- a\n").articles.map((article) => article.title)).toEqual([
      "Titre",
    ]);
    const article = only("Articles\nUne intro\n\n- a\n");
    expect(article.title).toBe("Articles");
    expect(article.intro).toEqual(["Une intro"]);
  });

  it("keeps an intro paragraph that starts with « Via » in the intro", () => {
    const article = only("Titre\n\nVia cette plateforme, les clients commandent.\n\n- a\n");
    expect(article.intro).toEqual(["Via cette plateforme, les clients commandent."]);
    expect(article.source).toBeNull();
  });

  it("refuses an article without takeaways, naming its line, instead of publishing it with a warning", () => {
    expect(() => parseArticles("Avec\n\n- a\n\nVia\n\nSans points\n\nRien que du texte.\n\nVia\n")).toThrow(
      "Ligne 7\u202f: «\u00a0Sans points\u00a0» n’a aucun point clé\u202f: ajoutez-en au moins un (une ligne «\u00a0- …\u00a0»).",
    );
  });

  it("gives repeated titles distinct slugs", () => {
    const { articles } = parseArticles(
      "Même titre\n\n- a\n\nMême titre\n\n- b\n\nMême titre\n\n- c\n\nMême titre 2\n\n- d\n",
    );
    expect(articles.map((article) => article.slug)).toEqual([
      "meme-titre",
      "meme-titre-2",
      "meme-titre-3",
      "meme-titre-2-2",
    ]);
  });
});

describe("Via sources", () => {
  it("reads the label and the link in every shape", () => {
    const { articles } = parseArticles(viaShapes);
    expect(articles.map((article) => article.source)).toEqual([
      { label: "exemple.fr", url: "http://exemple.fr/billet" },
      { label: "Le Blog du Modérateur", url: "https://www.blogdumoderateur.com/ruptures-internet/" },
      { label: "Le Blog", url: "https://blog.exemple.org/a?b=1&c=2" },
      { label: "Wikipédia", url: "https://fr.wikipedia.org/wiki/Internet_(réseau)" },
      { label: "exemple.com", url: "https://www.exemple.com/page" },
      { label: "Le Monde", url: null },
    ]);
    expect(articles.every((article) => article.takeaways.length === 1)).toBe(true);
  });

  it("accepts « Via : » alone as a bare source", () => {
    expect(only("Titre\n\n- a\n\nVia :\n").source).toEqual({ label: "Via", url: null });
  });
});

describe("contentHash", () => {
  const base = "Titre\n\nIntro\n\n- a\n  - a.1\n- b\n\nVia\n";
  const hash = (text: string) => at(parseArticles(text).articles, 0).contentHash;

  it("is stable and independent of position and line endings", () => {
    expect(hash(base)).toBe(hash(base));
    expect(hash(`Articles\n\n\n\n${base.replace(/\n/g, "\r\n")}`)).toBe(hash(base));
    expect(at(parseArticles(`Autre\n\n- z\n\nVia\n\n${base}`).articles, 1).contentHash).toBe(hash(base));
  });

  it("changes with the title, intro, any point, the nesting or the source", () => {
    const variants = [
      base.replace("Titre", "Titre bis"),
      base.replace("Intro", "Intro bis"),
      base.replace("a.1", "a.2"),
      base.replace("  - a.1", "- a.1"),
      base.replace("Via", "Via https://x.fr"),
      base.replace("Via", "Via Le Monde"),
      base.replace("\n\nVia\n", "\n"),
    ];
    const hashes = new Set([hash(base), ...variants.map(hash)]);
    expect(hashes.size).toBe(variants.length + 1);
  });
});

describe("errors", () => {
  it("refuses an empty or blank file", () => {
    for (const text of ["", "  \n\n\t \r\n", "\ufeff", `Articles\n\n${nbsp}\n`]) {
      const error = thrown(() => parseArticles(text));
      expect(error.code).toBe("bad_request:article_file");
      expect(error.message).toBe("Le fichier ne contient aucun article.");
      expect(error.details).toEqual({ line: 1 });
    }
  });

  it("names the line of a list item before any title", () => {
    const error = thrown(() => parseArticles("\n\n– point orphelin\nTitre\n"));
    expect(error.code).toBe("bad_request:article_file");
    expect(error.status).toBe(400);
    expect(error.message).toBe("Ligne 3\u202f: un élément de liste apparaît avant tout titre d’article.");
    expect(error.details).toEqual({ line: 3 });
    expect(thrown(() => parseArticles("Articles\n\n  1. point\n")).details).toEqual({ line: 3 });
  });

  it("names the line of a list item right after a Via line", () => {
    expect(thrown(() => parseArticles("Titre\n\n- a\n\nVia\n\n- b\n")).details).toEqual({ line: 7 });
  });

  it("names the line of a Via line before any title", () => {
    const error = thrown(() => parseArticles("\nVia https://x.fr\n"));
    expect(error.message).toBe("Ligne 2\u202f: une ligne « Via » apparaît avant tout titre d’article.");
    expect(error.details).toEqual({ line: 2 });
  });

  it("refuses a title longer than 300 characters", () => {
    expect(only(`${"t".repeat(300)}\n\n- a\n`).title).toHaveLength(300);
    const error = thrown(() => parseArticles(`Un\n\n- a\n\n${"t".repeat(301)}\n\n- b\n`));
    expect(error.code).toBe("bad_request:article_file");
    expect(error.details).toEqual({ line: 5 });
  });
});

describe("decodeArticleFile", () => {
  it("decodes UTF-8 exactly", () => {
    expect(decodeArticleFile(encode(`Titre ’«${nbsp}» 🎉\n`))).toBe(`Titre ’«${nbsp}» 🎉\n`);
  });

  it("names the line of an invalid byte", () => {
    const bytes = Uint8Array.from([...encode("Titre\n\nC’est "), 0xff, ...encode(" cassé\n- point\n")]);
    const error = thrown(() => decodeArticleFile(bytes));
    expect(error.code).toBe("bad_request:article_file");
    expect(error.details).toEqual({ line: 3 });
    expect(error.message).toMatch(/^Ligne 3\u202f: le fichier n’est pas un texte UTF-8 valide/);
  });

  it("names the line of a Latin-1 accent, a truncated sequence, an overlong form or a surrogate", () => {
    const latin1 = Uint8Array.from([...encode("Un\r\nDeux\r\nTrois "), 0xe9, 0x74, 0xe9, 0x0a]);
    expect(thrown(() => decodeArticleFile(latin1)).details).toEqual({ line: 3 });
    const truncated = Uint8Array.from([...encode("a\nb\nc\nd "), 0xe2, 0x80]);
    expect(thrown(() => decodeArticleFile(truncated)).details).toEqual({ line: 4 });
    const truncatedBeforeNewline = Uint8Array.from([...encode("a\n"), 0xf0, 0x9f, 0x8e, 0x0a, 0x41]);
    expect(thrown(() => decodeArticleFile(truncatedBeforeNewline)).details).toEqual({ line: 2 });
    expect(thrown(() => decodeArticleFile(Uint8Array.from([0xc0, 0x80]))).details).toEqual({ line: 1 });
    const surrogate = Uint8Array.from([...encode("a\rb\n"), 0xed, 0xa0, 0x80]);
    expect(thrown(() => decodeArticleFile(surrogate)).details).toEqual({ line: 3 });
  });
});

describe("size", () => {
  it("parses a 5 MB article with 50,000 takeaways quickly and correctly", () => {
    const count = 50_000;
    const filler = "x".repeat(80);
    const lines = ["Un très long article", "", "Intro.", ""];
    for (let i = 1; i <= count; i++) {
      lines.push(i % 10 === 0 ? `    – sous-point ${i} ${filler}` : `–${nbsp.repeat(3)}point ${i} ${filler}`);
    }
    lines.push("", "Via https://exemple.fr");
    const text = lines.join("\n");
    expect(text.length).toBeGreaterThan(4_500_000);

    const started = performance.now();
    const article = only(text);
    const elapsed = performance.now() - started;

    expect(article.takeaways).toHaveLength(count * 0.9);
    expect(flatten(article.takeaways)).toHaveLength(count);
    expect(at(article.takeaways, 0).text).toBe(`point 1 ${filler}`);
    const lastTop = at(article.takeaways, article.takeaways.length - 1);
    expect(lastTop.text).toBe(`point ${count - 1} ${filler}`);
    expect(lastTop.line).toBe(count - 1 + 4);
    expect(texts(lastTop.points)).toEqual([`sous-point ${count} ${filler}`]);
    expect(article.source).toEqual({ label: "exemple.fr", url: "https://exemple.fr" });
    expect(elapsed).toBeLessThan(2000);
  });

  it("stays linear on huge whitespace runs and thousands of indentation changes", () => {
    const spaces = nbsp.repeat(1_000_000);
    const zigzag = Array.from({ length: 20_000 }, (_, i) => `${" ".repeat((i % 8) * 2)}- p${i}`).join("\n");
    const started = performance.now();
    const article = only(`Titre\n\n${spaces}\n–${spaces}un${spaces}\n${spaces}suite\n${zigzag}\n`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(at(article.takeaways, 0).text).toBe("un suite");
    expect(flatten(article.takeaways)).toHaveLength(20_001);
  });

  it("stays linear on pathological Via lines", () => {
    const dashes = "- ".repeat(300_000);
    const closers = ")".repeat(300_000);
    const text = `A\n\n- a\n\nVia ${dashes}Site ${dashes}https://a.fr/x${closers}\n\nB\n\n- b\n\nVia ${"(".repeat(300_000)}\n`;
    const started = performance.now();
    const { articles } = parseArticles(text);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(at(articles, 0).source?.url).toBe("https://a.fr/x");
    expect(at(articles, 0).source?.label.startsWith("Site - - ")).toBe(true);
    expect(at(articles, 1).source?.url).toBeNull();
  });
});
