import { expect, test } from "@playwright/test";
import { demoArticles, flattenPoints } from "./demo-data";
import { HomePage } from "./pages/home-page";
import { ThreadPage } from "./pages/thread-page";

test("a visitor opens a thread from the home page and reads every takeaway in order", async ({ page }) => {
  const home = new HomePage(page);
  await home.goto();
  await expect(home.heading).toBeVisible();
  for (const article of demoArticles) await expect(home.threadLink(article.title)).toBeVisible();

  const [first] = demoArticles;
  if (!first) throw new Error("the demo file holds no article");
  await expect(home.threadCard(first.title)).toContainText(
    new RegExp(`${first.takeaways.length}\\s+points clés`),
  );
  await home.threadLink(first.title).click();

  const thread = new ThreadPage(page);
  await expect(thread.heading).toHaveText(first.title);
  await expect(page).toHaveURL(`/t/${first.slug}`);
  await expect(thread.topLevelItems()).toHaveCount(first.takeaways.length);
  expect(await thread.allPointTexts()).toEqual(flattenPoints(first.takeaways));
  await expect(thread.point("9.1.1")).toContainText("La connaissance individuelle");
});

test("each takeaway has its own link", async ({ page }) => {
  const article = demoArticles[1]!;
  const thread = new ThreadPage(page);
  await page.goto(`/t/${article.slug}#point-3`);
  await expect(thread.point("3")).toContainText(article.takeaways[2]!.text);
  await thread.point("3").getByRole("link", { name: "Lien vers le point 3" }).click();
  await expect(page).toHaveURL(new RegExp(`/t/${article.slug}#point-3$`));
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the thread is fully server-rendered", async ({ page }) => {
    const article = demoArticles[1]!;
    const thread = new ThreadPage(page);
    await thread.goto(article.slug);
    await expect(thread.heading).toHaveText(article.title);
    expect(await thread.allPointTexts()).toEqual(flattenPoints(article.takeaways));
  });
});

test("an unknown thread is a French 404 page", async ({ page }) => {
  const response = await page.goto("/t/n-existe-pas");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");
});

test("the health check answers", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: { reachable: true } });
});
