import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin, signUpNewMember } from "./fixtures/auth";
import { commentOnFirstTakeaway, publishOwnThread } from "./fixtures/own-thread";
import { DiscussionPage } from "./pages/discussion";

test("Ctrl+Enter sends a comment from the composer", async ({ browser, page }) => {
  const slug = await publishOwnThread(browser, `Raccourci ${Date.now().toString(36)}`, ["Un point"]);
  await signInAsAdmin(page);
  const discussion = new DiscussionPage(page);
  await discussion.goto(slug);
  const point = discussion.takeaway("1");
  await point.open();
  await point.composer.fill("Envoyé au clavier");
  await point.composer.press("Control+Enter");
  await expect(point.comment("Envoyé au clavier")).toContainText("publié ✓");
  await expect(point.composer).toHaveValue("");
});

test("the reaction palette shows no « 0 » beside the choices nobody made", async ({ browser, page }) => {
  const slug = await publishOwnThread(browser, `Palette ${Date.now().toString(36)}`, ["Un point"]);
  await signInAsAdmin(page);
  const comment = await commentOnFirstTakeaway(page, slug, "Un avis à applaudir");
  await comment.getByRole("button", { name: "Réagir" }).click();
  const palette = comment.getByRole("group", { name: "Réactions" });
  await expect(palette.getByRole("button")).toHaveCount(5);
  for (const text of await palette.getByRole("button").allInnerTexts()) expect(text).not.toMatch(/\d/);
  await palette.getByRole("button", { name: /J’aime/ }).click();
  await expect(palette.getByRole("button", { name: /J’aime/ })).toContainText("1");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("signed in, the header keeps to the logo and one row of links (two for an admin)", async ({
    browser,
    page,
  }) => {
    const rows = async (viewer: Page) => {
      await viewer.goto("/");
      const logo = (await viewer.getByRole("link", { name: "Agora, accueil" }).boundingBox())!;
      const header = (await viewer.getByRole("banner").boundingBox())!;
      // Padding and the logo's row, then rows of links about 32 px tall each.
      return Math.round((header.height - logo.height - 28) / 32);
    };
    const member = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await signUpNewMember(member, "Lina");
    expect(await rows(member)).toBeLessThanOrEqual(1);
    await signInAsAdmin(page);
    expect(await rows(page)).toBeLessThanOrEqual(2);
    await expect(page.getByRole("link", { name: "Administration" })).toBeVisible();
    await page.screenshot({
      path: test.info().outputPath("phone-header.png"),
      clip: { x: 0, y: 0, width: 390, height: 200 },
    });
  });

  test("comment actions are at least 24 px tall (WCAG 2.5.8)", async ({ browser, page }) => {
    const slug = await publishOwnThread(browser, `Cibles ${Date.now().toString(36)}`, ["Un point"]);
    await signInAsAdmin(page);
    const comment = await commentOnFirstTakeaway(page, slug, "Un avis à toucher du doigt");
    const actions = comment.getByRole("button");
    expect(await actions.count()).toBeGreaterThan(2);
    for (const action of await actions.all()) {
      const box = await action.boundingBox();
      expect(box?.height, await action.innerText()).toBeGreaterThanOrEqual(24);
    }
    await page.screenshot({ path: test.info().outputPath("phone-thread.png"), fullPage: false });
  });
});

test("signed in at 1,280 px, the header holds on one line and lines up with the thread page and the footer", async ({
  browser,
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const slug = await publishOwnThread(browser, `Alignement ${Date.now().toString(36)}`, ["Un point"]);
  await signInAsAdmin(page);
  await new DiscussionPage(page).goto(slug);
  const logo = (await page.getByRole("link", { name: "Agora, accueil" }).boundingBox())!;
  const nav = (await page.getByRole("navigation", { name: "Navigation principale" }).boundingBox())!;
  expect(nav.height).toBeLessThan(logo.height + 16);
  expect(nav.y).toBeLessThan(logo.y + logo.height);
  const thread = (await page.locator("article[aria-labelledby=titre-discussion]").boundingBox())!;
  expect(Math.abs(logo.x - thread.x)).toBeLessThanOrEqual(2);
  // The footer's text starts where the logo and the thread do.
  const footer = (await page.getByRole("contentinfo").getByText("Agora — un lieu").boundingBox())!;
  expect(Math.abs(footer.x - logo.x)).toBeLessThanOrEqual(2);
  await page.screenshot({ path: test.info().outputPath("desktop-thread.png") });
});

test("deleting a comment nobody answered removes it instead of leaving a tombstone", async ({
  browser,
  page,
}) => {
  const slug = await publishOwnThread(browser, `Suppression ${Date.now().toString(36)}`, ["Un point"]);
  await signInAsAdmin(page);
  const comment = await commentOnFirstTakeaway(page, slug, "Un avis à retirer");
  await comment.getByRole("button", { name: "Supprimer" }).click();
  await comment.getByRole("button", { name: "Confirmer la suppression" }).click();
  const point = new DiscussionPage(page).takeaway("1");
  await expect(point.comment("Un avis à retirer")).toHaveCount(0);
  await expect(point.details.getByRole("article", { name: "Commentaire supprimé" })).toHaveCount(0);
  await page.reload();
  await point.open();
  await expect(point.details.getByRole("article", { name: "Commentaire supprimé" })).toHaveCount(0);
});
