import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { signInAsAdmin } from "./fixtures/auth";

// Audit of 2026-12 (issue 13): each of these URLs answered 500. A URL that cannot name anything
// is a 400 from proxy.ts; one that names nothing (a forged cursor) is the not-found page.

async function expectRefused(response: APIResponse, status: 400 | 404, french: RegExp) {
  expect(response.status(), response.url()).toBe(status);
  expect(await response.text()).toMatch(french);
}

const malformed = /mal formée/;
const control = /caractères de contrôle/;
const notFound = /Page introuvable/;

async function get(request: APIRequestContext, path: string) {
  return request.get(path, { maxRedirects: 0 });
}

test.describe("malformed input from guests", () => {
  test("a forged home cursor (?apres=') shows the not-found page", async ({ request }) => {
    await expectRefused(await get(request, "/?apres='"), 404, notFound);
  });

  test("a NUL byte in the home topic (?sujet=) is refused before PostgreSQL sees it", async ({ request }) => {
    await expectRefused(await get(request, "/?sujet=a%00b"), 400, control);
  });

  test("a NUL byte in a thread slug is refused", async ({ request }) => {
    await expectRefused(await get(request, "/t/a%00b"), 400, control);
  });

  test("a NUL byte in a member id is refused", async ({ request }) => {
    await expectRefused(await get(request, "/membres/a%00"), 400, control);
  });

  test("a stray % in a thread path is refused", async ({ request }) => {
    await expectRefused(await get(request, "/t/%"), 400, malformed);
    await expectRefused(await get(request, "/t/demo/c/%"), 400, malformed);
    await expectRefused(await get(request, "/t/demo/commentaires/%zz"), 400, malformed);
  });

  test("a stray % in a member path is refused", async ({ request }) => {
    await expectRefused(await get(request, "/membres/%"), 400, malformed);
  });

  test("a stray % in an API path is a JSON error in French", async ({ request }) => {
    const response = await get(request, "/api/threads/%/discussion");
    expect(response.status()).toBe(400);
    expect(await response.json()).toMatchObject({
      code: "bad_request:url",
      message: expect.stringMatching(malformed),
    });
  });
});

test.describe("malformed input from staff", () => {
  test.beforeEach(async ({ page }) => {
    await signInAsAdmin(page);
  });

  test("a forged cursor on the report queue (?apres=') shows the not-found page", async ({ page }) => {
    await expectRefused(await get(page.request, "/moderation?apres='"), 404, notFound);
  });

  test("a forged cursor on the moderation log (?apres=') shows the not-found page", async ({ page }) => {
    await expectRefused(await get(page.request, "/moderation/journal?apres='"), 404, notFound);
  });

  test("a forged cursor on the member list (?apres=') shows the not-found page", async ({ page }) => {
    await expectRefused(await get(page.request, "/admin/membres?apres='"), 404, notFound);
  });

  test("a NUL byte in the log's member filter (?membre=) is refused", async ({ page }) => {
    await expectRefused(await get(page.request, "/moderation/journal?membre=%00"), 400, control);
  });

  test("a target filter named after an Object property (?cible=constructor) is ignored", async ({ page }) => {
    const response = await get(page.request, "/moderation/journal?cible=constructor");
    expect(response.status()).toBe(200);
  });
});
