import { describe, expect, it } from "vitest";
import { countLabel } from "./plural";
import { ofName, waitLabel } from "./french";

describe("ofName", () => {
  it("elides « de » before a vowel, accented or not, and before y", () => {
    expect(`Rôle ${ofName("Anne")}`).toBe("Rôle d’Anne");
    expect(`Rôle ${ofName("Émilie")}`).toBe("Rôle d’Émilie");
    expect(`Rôle ${ofName("yves")}`).toBe("Rôle d’yves");
    expect(`Rôle ${ofName("Œdipe")}`).toBe("Rôle d’Œdipe");
  });

  it("keeps « de » before a consonant and before h, whose elision depends on the name", () => {
    expect(`Rôle ${ofName("Bruno")}`).toBe("Rôle de Bruno");
    expect(`Rôle ${ofName("Hugo")}`).toBe("Rôle de Hugo");
  });
});

describe("waitLabel", () => {
  it("says seconds under a minute, minutes (rounded up) under two hours, then hours", () => {
    expect(waitLabel(0.2)).toBe("1\u00a0seconde");
    expect(waitLabel(45)).toBe("45\u00a0secondes");
    expect(waitLabel(60)).toBe("1\u00a0min");
    expect(waitLabel(150)).toBe("3\u00a0min");
    expect(waitLabel(900)).toBe("15\u00a0min");
    expect(waitLabel(3 * 3600)).toBe("3\u00a0h");
  });
});

describe("countLabel", () => {
  it("agrees « non lue » with its count", () => {
    expect(countLabel(1, "non lue", "non lues")).toBe("1\u00a0non lue");
    expect(countLabel(3, "non lue", "non lues")).toBe("3\u00a0non lues");
  });
});
