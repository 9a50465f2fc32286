import { describe, expect, it } from "vitest";
import {
  displayNameSchema,
  imitatesRole,
  normalizeDisplayName,
  staffDisplayNameSchema,
} from "./display-name";

const refusal = (name: string) => displayNameSchema.safeParse(name).error?.issues[0]?.message;

describe("display names", () => {
  it("are normalized (NFKC) so look-alike forms become the plain letters", () => {
    expect(normalizeDisplayName("  Ｉｎèｓ\u00a0 Ｄｕｐｏｎｔ ")).toBe("Inès Dupont");
    expect(displayNameSchema.parse("ﬁﬁ Ｌéa")).toBe("fifi Léa");
    expect(displayNameSchema.parse("Jean\u2003Paul")).toBe("Jean Paul");
  });

  it.each([
    ["zero-width space", "\u200bAdmin"],
    ["zero-width joiner", "Lé\u200da"],
    ["word joiner", "Lé\u2060a"],
    ["right-to-left override", "Léa\u202eelif"],
    ["left-to-right isolate", "\u2066Léa\u2069"],
    ["soft hyphen", "Lé\u00ada"],
    ["byte order mark", "Lé\ufeffa"],
    ["NUL", "Léa\u0000"],
    ["tab", "Léa\tBis"],
    ["newline", "Léa\nBis"],
    ["line separator", "Léa\u2028Bis"],
    ["Hangul filler", "\u3164\u3164"],
    ["braille blank", "Léa\u2800"],
    ["variation selector", "Léa\ufe0f"],
    ["private use", "Léa\ue000"],
    ["combining grapheme joiner", "Lé\u034fa"],
  ])("refuse a %s", (_what, name) => {
    expect(refusal(name)).toBe("Le nom ne peut pas contenir de caractères invisibles ou de contrôle.");
  });

  it.each([
    "Admin",
    "admin",
    "ADMIN",
    "Adm1n",
    "4dmin",
    "A d m i n",
    "Ａｄｍｉｎ",
    "Administrateur",
    "L’administratrice",
    "Administration",
    "Modérateur",
    "Moderateur",
    "M0dérat3ur",
    "Modératrice",
    "Modération",
    "Mod É Ration",
    "Modo",
    "Équipe Agora",
    "Agora",
    "Système",
    "Léa (modération)",
    "Léa-admin",
  ])("refuse %j, which reads as a role", (name) => {
    expect(refusal(name)).toMatch(/^Ce nom imite un rôle de l’équipe/);
  });

  it.each([
    "Inès",
    "Badminton Club",
    "Modou Diop",
    "Modeste",
    "Systémique",
    "Jean-Édouard d’Ormesson",
    "Zoé 2",
  ])("accept %j", (name) => {
    expect(displayNameSchema.safeParse(name)).toMatchObject({ success: true, data: name });
    expect(imitatesRole(name)).toBe(false);
  });

  it("let staff created from the command line say what they are, still without invisible characters", () => {
    expect(staffDisplayNameSchema.parse("Admin Léa")).toBe("Admin Léa");
    expect(staffDisplayNameSchema.safeParse("\u200bAdmin").success).toBe(false);
  });
});
