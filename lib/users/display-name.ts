import { z } from "zod";

// Client-safe: the sign-up form and the server share these rules.

/**
 * Characters a reader cannot see or that reorder what they see: controls, format characters
 * (zero-width spaces and joiners, bidi overrides and isolates, soft hyphen, BOM), separators
 * other than the space, private-use and unassigned code points, and the "blank" letters and
 * symbols that render as nothing (Hangul fillers, braille blank, halfwidth filler…).
 */
const invisible =
  /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\uffa0\ufe00-\ufe0f\u034f]/u;

/** NFKC folds look-alike forms (fullwidth, ligatures, circled letters) onto plain ones. */
export function normalizeDisplayName(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/\p{Zs}+/gu, " ")
    .trim();
}

// Digits and symbols that stand for letters in names like "Adm1n" or "M0dérateur".
const leet: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
  "|": "l",
  "!": "i",
};

/** The name as a reader would say it: lowercase, no accents, leet folded, words only. */
function spokenWords(name: string): string[] {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[0-9@$|!]/g, (character) => leet[character] ?? character)
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
}

// Any word starting with these reads as a role: « Admin », « Administratrice », « Modération ».
const rolePrefixes = ["admin", "moderat", "modera"];
// Whole words only: « Modou » or « Systémique » are names, « Modo » and « Système » are not.
const roleWords = new Set([
  "modo",
  "modos",
  "mod",
  "mods",
  "staff",
  "system",
  "systeme",
  "sysop",
  "root",
  "agora",
  "equipe",
  "team",
  "support",
]);

/** Whether a (normalized) name reads as one of Agora's roles or as the system account. */
export function imitatesRole(name: string): boolean {
  const words = spokenWords(name);
  // "A d m i n" and "Mod É Ration" read as one word.
  const joined = words.join("");
  return [...words, joined].some(
    (word) => rolePrefixes.some((prefix) => word.startsWith(prefix)) || roleWords.has(word),
  );
}

const baseDisplayName = z
  .string({ error: "Indiquez un nom." })
  .transform(normalizeDisplayName)
  .pipe(
    z
      .string()
      .min(2, "Le nom doit faire au moins 2 caractères.")
      .max(50, "Le nom doit faire au plus 50 caractères.")
      .refine((name) => !/[<>]/.test(name), "Le nom ne peut pas contenir < ou >.")
      .refine(
        (name) => !invisible.test(name),
        "Le nom ne peut pas contenir de caractères invisibles ou de contrôle.",
      ),
  );

/** A member's name: it must not pass for a moderator, an admin or Agora itself. */
export const displayNameSchema = baseDisplayName.refine(
  (name) => !imitatesRole(name),
  "Ce nom imite un rôle de l’équipe (administration, modération)\u202f: choisissez-en un autre.",
);

/** Staff accounts created from the command line may say what they are (« Admin Léa »). */
export const staffDisplayNameSchema = baseDisplayName;
