import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * French puts a narrow no-break space (U+202F) before « : ; ! ? », never a plain or a wide
 * no-break one. Scans the string literals and JSX of the whole interface and library.
 */
const root = join(import.meta.dirname, "../..");
const scanned = ["app", "lib"];

function files(path: string): string[] {
  const full = join(root, path);
  if (/\.tsx?$/.test(path)) return [full];
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? files(join(path, entry.name))
      : /\.tsx?$/.test(entry.name) && !/\.test\.ts$|fuzz|testing|fixture/.test(entry.name)
        ? [join(full, entry.name)]
        : [],
  );
}

// A wide no-break space written as an escape or an entity, then the mark.
const wideBeforeMark = /(\\u00a0|&nbsp;|&#160;)[:;!?]/i;
// Inside a string or template literal: a letter, a closing » or ), a plain space, the mark.
const literal = /"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g;
const plainBeforeMark = /[\p{L}»)] [:;!?](?=\s|$)/u;

describe("French typography", () => {
  it("puts a narrow no-break space before « : ; ! ? » in the interface's text", () => {
    const offences: string[] = [];
    for (const file of scanned.flatMap(files)) {
      readFileSync(file, "utf8")
        .split("\n")
        .forEach((line, index) => {
          const code = line.trimStart();
          if (code.startsWith("//") || code.startsWith("*") || code.startsWith("/*")) return;
          let text = line;
          // Code inside ${…} is not text: it stands for a word, innermost first.
          while (/\$\{[^{}]*\}/.test(text)) text = text.replace(/\$\{[^{}]*\}/g, "x");
          const strings = text.match(literal) ?? [];
          if (wideBeforeMark.test(line) || strings.some((text) => plainBeforeMark.test(text.slice(1, -1))))
            offences.push(`${relative(root, file)}:${index + 1}: ${code}`);
        });
    }
    expect(offences).toEqual([]);
  });
});
