import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin, signUpNewMember } from "./fixtures/auth";
import { publishOwnThread } from "./fixtures/own-thread";
import { DiscussionPage } from "./pages/discussion";

async function hideComment(moderator: Page, slug: string, words: string) {
  const page = new DiscussionPage(moderator);
  await page.goto(slug);
  const point = page.takeaway("1");
  await point.open();
  const comment = point.comment(words);
  await comment.getByRole("button", { name: "Modérer" }).click();
  await comment.getByLabel(/^Raison du masquage/).fill("Hors sujet ici");
  await comment.getByRole("button", { name: "Masquer" }).click();
  // Hidden, its text is gone from the moderator's page too.
  await expect(comment).toHaveCount(0);
}

test("reading the notifications leaves them new; each is marked read by its own button, or all at once, without JavaScript", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const tag = Date.now().toString(36);
  const slug = await publishOwnThread(browser, `Notifications lues ${tag}`, ["Un point"]);

  const member = await (await browser.newContext()).newPage();
  await signUpNewMember(member, "Jeanne");
  const atMember = new DiscussionPage(member);
  await atMember.goto(slug);
  const point = atMember.takeaway("1");
  await point.open();
  for (const words of [`Premier écart ${tag}`, `Second écart ${tag}`]) {
    await point.composer.fill(words);
    await point.publish.click();
    await expect(point.comment(words)).toContainText("publié ✓");
  }

  const moderator = await (await browser.newContext()).newPage();
  await signInAsAdmin(moderator);
  await hideComment(moderator, slug, `Premier écart ${tag}`);
  await hideComment(moderator, slug, `Second écart ${tag}`);

  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await member.context().storageState(),
  });
  const reader = await noScript.newPage();
  const list = reader.getByRole("list", { name: "Vos notifications" });
  const markOne = list.getByRole("button", { name: "Marquer comme lue" });
  await reader.goto("/notifications");
  await expect(markOne).toHaveCount(2);
  await reader.reload();
  await expect(markOne).toHaveCount(2);

  await markOne.first().click();
  await expect(markOne).toHaveCount(1);
  await expect(reader).toHaveURL(/\/notifications$/);
  await reader.getByRole("button", { name: "Tout marquer comme lu" }).click();
  await expect(markOne).toHaveCount(0);
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await expect(reader.getByRole("button", { name: "Tout marquer comme lu" })).toHaveCount(0);
});
