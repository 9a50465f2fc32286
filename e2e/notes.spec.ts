import { expect, test } from "@playwright/test";
import { demoArticles } from "./demo-data";
import { signUpNewMember } from "./fixtures/auth";
import { publishOwnThread } from "./fixtures/own-thread";
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

test("a member finds an empty synthesis with a prompt, named formatting buttons and its save status beside the text", async ({
  browser,
}) => {
  const slug = await publishOwnThread(browser, `Synthèse vide ${Date.now().toString(36)}`, ["Un point"]);
  const page = await (await browser.newContext()).newPage();
  await signUpNewMember(page, "Noémie");
  const note = new ThreadNote(page);
  await new ThreadPage(page).goto(slug);
  await expect(note.editor).toHaveAttribute("contenteditable", "true");

  const prompt = note.section.getByText(
    "Écrivez ici ce que la discussion retient : accords, désaccords, questions ouvertes…",
  );
  await expect(prompt).toBeVisible();
  for (const [name, title, keys] of [
    ["Titre", "Titre (Ctrl+Alt+2)", "Control+Alt+2"],
    ["Sous-titre", "Sous-titre (Ctrl+Alt+3)", "Control+Alt+3"],
    ["Gras", "Gras (Ctrl+B)", "Control+B"],
    ["Italique", "Italique (Ctrl+I)", "Control+I"],
  ] as const) {
    const button = note.toolbar.getByRole("button", { name, exact: true });
    await expect(button).toHaveAttribute("title", title);
    await expect(button).toHaveAttribute("aria-keyshortcuts", keys);
  }
  await expect(note.toolbar).not.toContainText("T1");

  await note.type("Premier point");
  await expect(prompt).toHaveCount(0);
  await expect(note.allSaved).toBeVisible();
  // The status sits between the tools and the text, not below the editor's empty space.
  const status = await note.allSaved.boundingBox();
  const editor = await note.editor.boundingBox();
  expect(status!.y + status!.height).toBeLessThanOrEqual(editor!.y + 1);
  // Nobody is named as writing to themselves.
  await expect(note.section.getByText("Personne n’écrit en ce moment.")).toBeVisible();
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
