import { expect, test } from "@playwright/test";
import { signUpNewMember } from "./fixtures/auth";
import { adminCommentsOnFirstTakeaway, publishOwnThread } from "./fixtures/own-thread";
import { DiscussionPage } from "./pages/discussion";

test("a report corrected after « Précisez la raison » is filed with the reason the member chose, not « Spam »", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const tag = Date.now().toString(36);
  const slug = await publishOwnThread(browser, `Signalement corrigé ${tag}`, ["Un point"]);
  const words = `Un avis à signaler ${tag}`;

  const admin = await adminCommentsOnFirstTakeaway(browser, slug, words);

  const reader = await (await browser.newContext()).newPage();
  await signUpNewMember(reader, "Ines");
  const atReader = new DiscussionPage(reader);
  await atReader.goto(slug);
  const point = atReader.takeaway("1");
  await point.open();
  const comment = point.comment(words);
  await comment.getByRole("button", { name: "Signaler" }).click();
  const report = reader.getByRole("form", { name: "Signaler le commentaire de Admin E2E" });
  await report.getByLabel("Raison").selectOption("other");
  await report.getByRole("button", { name: "Envoyer le signalement" }).click();
  await expect(report.getByRole("status")).toHaveText("Précisez la raison.");
  // What the member chose is still what the form shows.
  await expect(report.getByLabel("Raison")).toHaveValue("other");
  await report.getByLabel(/^Précisions/).fill("Publicité déguisée");
  await report.getByRole("button", { name: "Envoyer le signalement" }).click();
  await expect(comment.getByRole("status")).toContainText("les modérateurs examineront ce commentaire");

  await admin.goto("/moderation");
  const item = admin.getByRole("listitem").filter({ hasText: words });
  await expect(item).toContainText("Autre (1)");
  await expect(item).not.toContainText("Spam");
  await expect(item).toContainText("« Publicité déguisée »");
});
