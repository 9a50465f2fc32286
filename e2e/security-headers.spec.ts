import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "./fixtures/auth";
import { publishOwnThread } from "./fixtures/own-thread";

/** Records CSP refusals, as the console reports them and as the page's own events. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const messages: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) messages.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return async () => [
    ...messages,
    ...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)),
  ];
}

test("pages answer with the security headers", async ({ request }) => {
  const response = await request.get("/");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  // The e2e server is plain http: no HSTS there.
  expect(headers["strict-transport-security"]).toBeUndefined();
  const again = (await request.get("/")).headers()["content-security-policy"];
  expect(again).not.toBe(headers["content-security-policy"]);
});

test("the sign-in page runs under the policy without a single refusal", async ({ page }) => {
  const violations = await watchCsp(page);
  await page.goto("/connexion");
  await expect(page.getByRole("button", { name: /Se connecter/ }).first()).toBeEnabled();
  await page.getByLabel("Adresse e-mail").fill("personne@exemple.fr");
  expect(await violations()).toEqual([]);
});

test("the thread page, its live discussion and its synthesis editor run under the policy", async ({
  browser,
  page,
}) => {
  const slug = await publishOwnThread(browser, `Politique ${Date.now().toString(36)}`, ["Un point"]);
  await signInAsAdmin(page);
  const violations = await watchCsp(page);
  await page.goto(`/t/${slug}`);
  await expect(page.getByRole("status").filter({ hasText: "En direct" })).toBeVisible();
  await expect(page.locator("[contenteditable=true]").first()).toBeVisible();
  await page.locator("[contenteditable=true]").first().click();
  await page.keyboard.type("Une idée");
  expect(await violations()).toEqual([]);
});

test("moderation pages run under the policy", async ({ page }) => {
  await signInAsAdmin(page);
  const violations = await watchCsp(page);
  for (const path of ["/moderation", "/moderation/journal", "/moderation/importer", "/admin/membres", "/"]) {
    await page.goto(path);
    await expect(page.getByRole("main")).toBeVisible();
  }
  expect(await violations()).toEqual([]);
});
