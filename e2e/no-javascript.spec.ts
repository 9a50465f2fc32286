import { expect, test } from "@playwright/test";
import { signUpNewMember } from "./fixtures/auth";
import { adminCommentsOnFirstTakeaway, publishOwnThread } from "./fixtures/own-thread";
import { DiscussionPage } from "./pages/discussion";

test("without JavaScript a member posts a comment, reacts and reports, each as a POST", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const tag = Date.now().toString(36);
  const slug = await publishOwnThread(browser, `Sans JavaScript ${tag}`, ["Un point à discuter"]);
  const adminWords = `Un avis de l’équipe ${tag}`;
  const memberWords = `Écrit sans JavaScript ${tag}`;

  const admin = await adminCommentsOnFirstTakeaway(browser, slug, adminWords);

  // Signed up with JavaScript (the sign-up form is another helper's), then browsing without it.
  const signUp = await (await browser.newContext()).newPage();
  await signUpNewMember(signUp, "Karim");
  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await signUp.context().storageState(),
  });
  const page = await noScript.newPage();
  const atMember = new DiscussionPage(page);
  await atMember.goto(slug);
  const point = atMember.takeaway("1");

  // Comment: the composer posts to its server action and lands on the new comment.
  await point.summary.click();
  await point.composer.fill(memberWords);
  await point.publish.click();
  await expect(page).toHaveURL(/\?c=[0-9a-f-]{36}#c-/);
  await expect(point.comment(memberWords)).toBeVisible();

  // An empty comment is refused in French, on the re-rendered page.
  await point.publish.click();
  await expect(point.details.getByRole("alert")).toHaveText("Votre commentaire est vide.");

  // Reactions: a stance on the takeaway, an emoji on the team's comment.
  await atMember.goto(slug);
  await point.summary.click();
  await point.ownStance.getByRole("button", { name: /D’accord/ }).click();
  await point.summary.click();
  await expect(point.ownStance.getByRole("button", { name: /D’accord/ })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  const theirs = point.comment(adminWords);
  await theirs.getByText("Réagir", { exact: true }).click();
  await theirs
    .getByRole("button", { name: /J’approuve/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\?c=[0-9a-f-]{36}#c-/);
  const approved = point.comment(adminWords).getByRole("button", { name: /J’approuve/, pressed: true });
  await expect(approved.first()).toContainText("1");

  // Report, with « Autre » and its précision.
  const reported = point.comment(adminWords);
  await reported.getByText("Signaler", { exact: true }).click();
  const report = page.getByRole("form", { name: "Signaler le commentaire de Admin E2E" });
  await report.getByLabel("Raison").selectOption("other");
  await report.getByLabel(/^Précisions/).fill("Hors charte");
  await report.getByRole("button", { name: "Envoyer le signalement" }).click();
  await expect(
    page.getByRole("status").filter({ hasText: "les modérateurs examineront ce commentaire" }),
  ).toBeVisible();

  await admin.goto("/moderation");
  const item = admin.getByRole("listitem").filter({ hasText: adminWords });
  await expect(item).toContainText("Autre (1)");
  await expect(item).toContainText("« Hors charte »");
});
