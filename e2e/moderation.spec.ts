import { expect, test } from "@playwright/test";
import { signUpNewMember, signInAsAdmin } from "./fixtures/auth";
import { HomePage } from "./pages/home-page";
import { ImportPage } from "./pages/import-page";
import { ThreadPage } from "./pages/thread-page";

test("a moderator pastes an article, previews it and publishes it as a thread with its takeaways", async ({
  page,
}) => {
  await signInAsAdmin(page);
  const title = `Le co-design au quotidien ${Date.now()}`;
  const importer = new ImportPage(page);
  await importer.goto();
  await importer.text.fill(
    `${title}\n\nCe que nous en retenons :\n\n•\u00a0\u00a0Le client participe\n•\u00a0\u00a0Les frontières deviennent poreuses\n    – l’entreprise s’ouvre\n\nVia\n`,
  );
  await importer.preview.click();
  await expect(importer.previewSection.getByRole("heading", { name: title })).toBeVisible();
  await expect(importer.previewSection).toContainText("l’entreprise s’ouvre");
  await importer.publish.click();
  await expect(importer.result).toContainText("Publié");
  await importer.result.getByRole("link", { name: title }).click();

  const thread = new ThreadPage(page);
  await expect(thread.heading).toHaveText(title);
  expect(await thread.allPointTexts()).toEqual([
    "Le client participe",
    "Les frontières deviennent poreuses",
    "l’entreprise s’ouvre",
  ]);
  const home = new HomePage(page);
  await home.goto();
  await expect(home.threadLink(title)).toBeVisible();

  await page.goto("/moderation/journal");
  await expect(page.getByRole("list", { name: /Actions de modération/ })).toContainText(
    "a publié un article",
  );
});

test("a bad paste is refused with its line, and members cannot reach the importer", async ({
  page,
  browser,
}) => {
  await signInAsAdmin(page);
  const importer = new ImportPage(page);
  await importer.goto();
  await importer.text.fill("\n- un point sans titre\n");
  await importer.preview.click();
  await expect(importer.error).toContainText("Ligne 2");

  const memberPage = await (await browser.newContext()).newPage();
  await signUpNewMember(memberPage, "Eliott");
  await memberPage.goto("/moderation/importer");
  await expect(memberPage.getByRole("heading", { name: "Accès refusé" })).toBeVisible();
  await expect(memberPage.getByText("Réservé aux modérateurs.")).toBeVisible();
});

test("a moderator locks a thread with a reason that readers see", async ({ page, browser }) => {
  await signInAsAdmin(page);
  const importer = new ImportPage(page);
  await importer.goto();
  const title = `À verrouiller ${Date.now()}`;
  await importer.text.fill(`${title}\n\n- Un seul point\n\nVia\n`);
  await importer.preview.click();
  await importer.publish.click();
  await importer.result.getByRole("link", { name: title }).click();
  await page.getByText("Outils de modération").click();
  await page.getByLabel("Raison du verrouillage").fill("Le débat a fait le tour.");
  await page
    .getByRole("form", { name: "Verrouiller la discussion" })
    .getByRole("button", { name: "Verrouiller" })
    .click();
  // The action's confirmation (or the banner it brings) says the lock is committed: a reader
  // who arrives before then would rightly find the thread open.
  await expect(page.getByRole("status").filter({ hasText: "Discussion verrouillée" }).first()).toBeVisible();

  const reader = await (await browser.newContext()).newPage();
  await reader.goto(page.url());
  await expect(reader.getByRole("status").filter({ hasText: "Discussion verrouillée" })).toContainText(
    "Le débat a fait le tour.",
  );
});
