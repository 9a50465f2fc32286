import { expect, test } from "@playwright/test";
import { demoArticles } from "./demo-data";
import { e2eAdmin, signInOverHttp, signInAsAdmin } from "./fixtures/auth";
import { e2eMember } from "./fixtures/discussion-members";
import { publishOwnThread } from "./fixtures/own-thread";
import { DiscussionPage } from "./pages/discussion";

// The second demo article: the first one carries the XSS spec's hostile comments.
const slug = demoArticles[1]!.slug;

test("two members debate a takeaway live; a guest reads it all and cannot write", async ({ browser }) => {
  const tag = Date.now().toString(36);
  const comment = `Une marque n’a pas de corps, ${tag}.`;
  const reply = `Elle a pourtant une voix, ${tag}.`;
  // Its own thread: the other tests here comment on the demo threads at the same time, and
  // Bruno would hear their comments announced with Aline's.
  const ownSlug = await publishOwnThread(browser, `Débat en direct ${tag}`, [
    "La marque devient une personne",
    "La personne devient une marque",
  ]);

  // Two accounts that exist already: sign-ups are limited per address (5 an hour).
  const aline = await (await browser.newContext()).newPage();
  const bruno = await (await browser.newContext()).newPage();
  await signInAsAdmin(aline);
  await signInOverHttp(bruno, e2eMember.email, e2eMember.password);
  const alineName = e2eAdmin.name;
  const atAline = new DiscussionPage(aline);
  const atBruno = new DiscussionPage(bruno);
  await atAline.goto(ownSlug);
  await atBruno.goto(ownSlug);
  await expect(atAline.liveStatus).toBeVisible();
  await expect(atBruno.liveStatus).toBeVisible();

  // Aline comments on takeaway 2; her comment shows at once, then confirmed.
  const alineTakeaway = atAline.takeaway("2");
  await alineTakeaway.open();
  await alineTakeaway.composer.fill(comment);
  await alineTakeaway.publish.click();
  await expect(alineTakeaway.comment(comment)).toContainText("publié ✓");

  // Bruno sees it arrive without reloading, announced politely.
  const brunoTakeaway = atBruno.takeaway("2");
  await expect(brunoTakeaway.summary).toContainText(/\d+\s+commentaires?/);
  await brunoTakeaway.open();
  await expect(brunoTakeaway.comment(comment)).toBeVisible();
  await expect(atBruno.announcements).toHaveText(`Nouveau commentaire de ${alineName} sur le point 2.`);

  // Bruno replies and takes a stance on the takeaway; Aline sees both, live.
  const nuancesBefore = await alineTakeaway.stanceCount("Nuance");
  await brunoTakeaway.comment(comment).getByRole("button", { name: "Répondre" }).click();
  await bruno.getByLabel(`Répondre à ${alineName}`).fill(reply);
  await bruno
    .getByLabel(`Répondre à ${alineName}`)
    .locator("xpath=ancestor::form")
    .getByRole("button", { name: "Publier" })
    .click();
  const nuance = brunoTakeaway.ownStance.getByRole("button", { name: /Nuance/ });
  await nuance.click();
  await expect(nuance).toHaveAttribute("aria-pressed", "true");

  await expect(alineTakeaway.comment(reply)).toBeVisible();
  await expect(
    alineTakeaway
      .comment(comment)
      .locator("xpath=..")
      .getByRole("list", { name: `Réponses à ${alineName}` }),
  ).toContainText(reply);
  await expect.poll(() => alineTakeaway.stanceCount("Nuance")).toBe(nuancesBefore + 1);

  // A guest reads everything, and is invited to sign in instead of writing.
  const guest = await (await browser.newContext()).newPage();
  const atGuest = new DiscussionPage(guest);
  await atGuest.goto(ownSlug);
  const guestTakeaway = atGuest.takeaway("2");
  await guestTakeaway.open();
  await expect(guestTakeaway.comment(comment)).toBeVisible();
  await expect(guestTakeaway.comment(reply)).toBeVisible();
  await expect(guestTakeaway.signInInvitation).toBeVisible();
  // Nothing a guest can type in: the synthesis beside the discussion is there read-only.
  await expect(guest.locator("textarea, input:not([type=hidden]), [contenteditable=true]")).toHaveCount(0);
  await expect(guestTakeaway.details.getByRole("button", { name: /Répondre|Réagir|Nuance/ })).toHaveCount(0);
});

test("a member's own comment opens for editing with its Markdown after a reload, and only theirs", async ({
  browser,
}) => {
  const tag = Date.now().toString(36);
  const source = `*Relire* avant de conclure, ${tag}.`;
  const aline = await (await browser.newContext()).newPage();
  const bruno = await (await browser.newContext()).newPage();
  await signInAsAdmin(aline);
  await signInOverHttp(bruno, e2eMember.email, e2eMember.password);
  const atAline = new DiscussionPage(aline);
  await atAline.goto(slug);
  await expect(atAline.liveStatus).toBeVisible();
  const takeaway = atAline.takeaway("3");
  await takeaway.open();
  await takeaway.composer.fill(source);
  await takeaway.publish.click();
  const written = takeaway.comment(`Relire avant de conclure, ${tag}.`);
  await expect(written).toContainText("publié ✓");

  // The page sends the Markdown source of its reader's comments only: the edit form needs it.
  const link = await written.getByRole("link", { name: "Lien vers ce commentaire" }).getAttribute("href");
  const commentId = new URL(link!, "http://agora.test").searchParams.get("c")!;
  await aline.goto(link!);
  const reloaded = aline.locator(`#c-${commentId} > article`);
  await expect(reloaded).toContainText(`Relire avant de conclure, ${tag}.`);
  await expect(atAline.liveStatus).toBeVisible();
  await reloaded.getByRole("button", { name: "Modifier" }).click();
  await expect(aline.getByLabel("Modifier votre commentaire")).toHaveValue(source);

  await bruno.goto(link!);
  const seenByBruno = bruno.locator(`#c-${commentId} > article`);
  await expect(seenByBruno.locator("em")).toHaveText("Relire");
  await expect(seenByBruno.getByRole("button", { name: "Modifier" })).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the discussion is server-rendered in full", async ({ page }) => {
    const discussion = new DiscussionPage(page);
    await discussion.goto(demoArticles[0]!.slug);
    const takeaway = discussion.takeaway("1");
    await expect(takeaway.summary).toContainText(/\d+\s+commentaires/);
    await takeaway.open();
    await expect(discussion.commentsBy("Mallory").first()).toBeVisible();
    await expect(discussion.general.getByRole("article").first()).toBeVisible();
    await expect(
      discussion.general.getByRole("link", { name: "Connectez-vous pour participer" }),
    ).toBeVisible();
  });
});
