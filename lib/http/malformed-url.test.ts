import { describe, expect, it } from "vitest";
import { malformedUrlReason } from "./malformed-url";

const reason = (path: string) => malformedUrlReason(new URL(path, "http://agora.test"));

describe("malformedUrlReason", () => {
  it("lets through what Agora's own links hold: encoded accents, %25, spaces, line breaks in a query", () => {
    expect(reason("/t/d%C3%A9bat-sur-l%E2%80%99eau")).toBeNull();
    expect(reason("/t/%25")).toBeNull();
    expect(reason("/?apres=eyJzZXEiOjF9&sujet=r%C3%A9seau")).toBeNull();
    expect(reason("/recherche?q=deux%0Alignes%09tab")).toBeNull();
  });

  it("refuses a path that does not decode", () => {
    expect(reason("/t/%")).toMatch(/mal formée/);
    expect(reason("/membres/a%zz")).toMatch(/mal formée/);
  });

  it("refuses control characters in the path and in query keys and values", () => {
    expect(reason("/t/a%00b")).toMatch(/contrôle/);
    expect(reason("/t/a%0Ab")).toMatch(/contrôle/);
    expect(reason("/?sujet=a%00b")).toMatch(/contrôle/);
    expect(reason("/?a%1Fb=1")).toMatch(/contrôle/);
  });
});
