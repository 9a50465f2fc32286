import { expect, test } from "@playwright/test";
import { demoArticles } from "./demo-data";
import { ThreadNote } from "./pages/thread-note";
import { ThreadPage } from "./pages/thread-page";

// What a guest gets is tested here; members writing together, their carets and restoring a
// version are in notes-collaboration.spec.ts (on the other demo thread, so this one stays empty).
const article = demoArticles[0]!;

test("a guest reads the synthesis beside the discussion, read-only, with no formatting tools", async ({
  page,
}) => {
  const thread = new ThreadPage(page);
  const note = new ThreadNote(page);
  await thread.goto(article.slug);
  await expect(note.section.getByRole("heading", { name: "Synthèse", level: 2 })).toBeVisible();
  await expect(note.editor).toBeVisible();
  await expect(note.editor).toHaveAttribute("aria-readonly", "true");
  await expect(note.editor).toHaveAttribute("contenteditable", "false");
  await expect(note.section.getByText("Connectez-vous pour participer.")).toBeVisible();
  await expect(note.toolbar).toHaveCount(0);
  // Wide screen: the discussion and the synthesis side by side, no tabs.
  await expect(note.tab("Synthèse")).toHaveCount(0);
  const discussion = await thread.heading.boundingBox();
  const synthesis = await note.section.boundingBox();
  expect(synthesis!.x).toBeGreaterThan(discussion!.x + discussion!.width / 2);

  await note.historyButton.click();
  await expect(note.history.getByText("Aucune version pour l’instant.")).toBeVisible();
  await expect(note.history.getByLabel("Nom de la version")).toHaveCount(0);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the synthesis has its own tab", async ({ page }) => {
    const thread = new ThreadPage(page);
    const note = new ThreadNote(page);
    await thread.goto(article.slug);
    await expect(note.tab("Discussion")).toHaveAttribute("aria-selected", "true");
    await expect(thread.takeaways).toBeVisible();
    await expect(note.section).toBeHidden();

    await note.tab("Synthèse").click();
    await expect(note.section).toBeVisible();
    await expect(thread.takeaways).toBeHidden();
    await note.tab("Synthèse").press("ArrowLeft");
    await expect(note.tab("Discussion")).toBeFocused();
    await expect(thread.takeaways).toBeVisible();
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the synthesis is server-rendered after the discussion", async ({ page }) => {
    const note = new ThreadNote(page);
    await new ThreadPage(page).goto(article.slug);
    await expect(note.section.getByRole("heading", { name: "Synthèse" })).toBeVisible();
    await expect(note.section.getByText("La synthèse est encore vide.")).toBeVisible();
    await expect(note.tab("Synthèse")).toHaveCount(0);
  });
});
