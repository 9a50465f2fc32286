import { expect, test, type Page } from "@playwright/test";
import { demoArticles } from "./demo-data";
import { hostileAuthor, hostileComments } from "./fixtures/hostile-markdown";
import { DiscussionPage } from "./pages/discussion";

declare global {
  interface Window {
    __xss?: unknown;
  }
}

const slug = demoArticles[0]!.slug;

/**
 * What the browser actually built from Mallory's comments: no element or attribute that can
 * run code, and links only to http(s) or mail.
 */
async function liveMarkupIn(page: Page) {
  return page.getByRole("article", { name: `Commentaire de ${hostileAuthor.name}` }).evaluateAll((articles) =>
    articles.flatMap((article) =>
      [...article.querySelectorAll("*")].flatMap((element) => {
        const problems: string[] = [];
        const tag = element.tagName.toLowerCase();
        if (
          [
            "script",
            "svg",
            "math",
            "img",
            "iframe",
            "object",
            "embed",
            "style",
            "link",
            "meta",
            "form",
          ].includes(tag)
        ) {
          problems.push(`<${tag}>`);
        }
        for (const attribute of element.getAttributeNames()) {
          if (
            attribute.startsWith("on") ||
            attribute === "style" ||
            attribute === "src" ||
            attribute.includes("href:")
          ) {
            problems.push(`${tag}[${attribute}]`);
          }
        }
        const href = element.getAttribute("href");
        if (tag === "a" && href !== null && !/^(https?:\/\/|mailto:|\/t\/)/i.test(href))
          problems.push(`a[href=${href}]`);
        return problems;
      }),
    ),
  );
}

test.describe("hostile Markdown written straight to the database", () => {
  const dialogs: string[] = [];

  test.beforeEach(({ page }) => {
    dialogs.length = 0;
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  test("renders as text on the thread page and runs nothing", async ({ page }) => {
    const discussion = new DiscussionPage(page);
    await discussion.goto(slug);
    // An <img onerror> or <svg onload> would have fired while the server's HTML was parsed.
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    // Hydrated and connected: the comments have been rendered by React in the browser too.
    await expect(discussion.liveStatus).toBeVisible();
    const point = discussion.takeaway("1");
    await point.open();
    // The page previews the takeaway's first conversations; "voir plus" brings the others as JSON.
    await point.moreComments.click();
    await expect(discussion.commentsBy(hostileAuthor.name)).toHaveCount(hostileComments.length);
    await expect(page.getByText("<script>window.__xss = 'script'</script>")).toBeVisible();
    await expect(page.getByText("[lien piégé](javascript:window.__xss='link')")).toBeVisible();
    await expect(page.getByText("Texte normal", { exact: true })).toHaveJSProperty("tagName", "STRONG");

    // Try what a reader would do: hover, click.
    await page.getByText(/survol<\/div>/).hover();
    await page.getByText(/cliquez ici<\/a>/).click();
    await page.getByText("[lien piégé](javascript:window.__xss='link')").click();

    expect(await liveMarkupIn(page)).toEqual([]);
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  test("runs nothing on a comment's own link and on its branch page either", async ({ page }) => {
    const discussion = new DiscussionPage(page);
    await discussion.goto(slug);
    await expect(discussion.liveStatus).toBeVisible();
    const reply = discussion.commentsBy(hostileAuthor.name).filter({ hasText: "onload" }).first();
    const permalink = await reply
      .getByRole("link", { name: "Lien vers ce commentaire" })
      .getAttribute("href");
    expect(permalink).toMatch(/\?c=[0-9a-f-]{36}#c-/);
    await page.goto(permalink!);
    await expect(discussion.liveStatus).toBeVisible();
    expect(await liveMarkupIn(page)).toEqual([]);

    const id = /c=([0-9a-f-]{36})/.exec(permalink!)![1]!;
    await page.goto(`/t/${slug}/c/${id}`);
    await expect(page.getByRole("heading", { name: "Suite de la conversation" })).toBeVisible();
    await expect(page.getByText(/<svg onload=/).first()).toBeVisible();
    expect(await liveMarkupIn(page)).toEqual([]);
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });
});
