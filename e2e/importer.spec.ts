import { expect, test } from "@playwright/test";
import { signInAsAdmin } from "./fixtures/auth";
import { ImportPage } from "./pages/import-page";

test.beforeEach(async ({ page }) => {
  await signInAsAdmin(page);
});

test("the importer refuses an article with no takeaways instead of publishing it with a warning", async ({
  page,
}) => {
  const importer = new ImportPage(page);
  await importer.goto();
  await importer.text.fill(
    `Un article sans points ${Date.now().toString(36)}\n\nRien qu’une intro.\n\nVia\n`,
  );
  await importer.preview.click();
  await expect(importer.error).toContainText("n’a aucun point clé");
  await expect(importer.publish).toHaveCount(0);
});

test("the importer asks before publishing a title that already exists as a second thread", async ({
  page,
}) => {
  const title = `Un titre déjà pris ${Date.now().toString(36)}`;
  const importer = new ImportPage(page);
  await importer.goto();
  await importer.text.fill(`${title}\n\n- Premier regard\n\nVia\n`);
  await importer.preview.click();
  await importer.publish.click();
  await expect(importer.result.getByRole("link", { name: title })).toBeVisible();

  await importer.goto();
  await importer.text.fill(`${title}\n\n- Un autre regard\n\nVia\n`);
  await importer.preview.click();
  const warning = importer.previewSection.getByRole("alert");
  await expect(warning).toContainText("Une discussion porte déjà ce titre");
  await expect(page.getByRole("button", { name: /^Publier 1/ })).toHaveCount(0);
  await page.getByRole("button", { name: "Publier quand même 1\u00a0discussion" }).click();
  const second = importer.result.getByRole("link", { name: title });
  await expect(second).toHaveAttribute("href", /-2$/);
});
