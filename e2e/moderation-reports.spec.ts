import { expect, test } from "@playwright/test";
import { signUpNewMember, signInAsAdmin } from "./fixtures/auth";
import { DiscussionPage } from "./pages/discussion";
import { ImportPage } from "./pages/import-page";

test("a report reaches the queue; the moderator hides the comment and it leaves other tabs live, its author and reporter see why, guests do not, the log shows it", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const tag = Date.now().toString(36);
  const title = `Débat à modérer ${tag}`;
  const offending = `Vous n’y comprenez rien, ${tag}.`;

  // A fresh thread, so the queue and the page hold only this scenario's comment.
  const moderator = await (await browser.newContext()).newPage();
  await signInAsAdmin(moderator);
  const importer = new ImportPage(moderator);
  await importer.goto();
  await importer.text.fill(`${title}\n\n- Un point à débattre\n\nVia\n`);
  await importer.preview.click();
  await importer.publish.click();
  await importer.result.getByRole("link", { name: title }).click();
  await moderator.waitForURL(/\/t\//);
  const slug = new URL(moderator.url()).pathname.split("/").pop()!;

  const author = await (await browser.newContext()).newPage();
  await signUpNewMember(author, "Gaspard");
  const atAuthor = new DiscussionPage(author);
  await atAuthor.goto(slug);
  const authorPoint = atAuthor.takeaway("1");
  await authorPoint.open();
  await authorPoint.composer.fill(offending);
  await authorPoint.publish.click();
  await expect(authorPoint.comment(offending)).toContainText("publié ✓");

  const reader = await (await browser.newContext()).newPage();
  await signUpNewMember(reader, "Hélène");
  const atReader = new DiscussionPage(reader);
  await atReader.goto(slug);
  await expect(atReader.liveStatus).toBeVisible();
  const readerPoint = atReader.takeaway("1");
  await readerPoint.open();
  const seen = readerPoint.comment(offending);
  await seen.getByRole("button", { name: "Signaler" }).click();
  const report = reader.getByRole("form", { name: "Signaler le commentaire de Gaspard" });
  await report.getByLabel("Raison").selectOption("abuse");
  await report.getByRole("button", { name: "Envoyer le signalement" }).click();
  await expect(seen.getByRole("status")).toContainText("les modérateurs examineront ce commentaire");

  await moderator.goto("/moderation");
  const item = moderator.getByRole("listitem").filter({ hasText: offending });
  await expect(item).toContainText(/1\s+signalement/);
  await expect(item).toContainText("Propos abusifs (1)");
  await item.getByLabel("Masquer le commentaire").check();
  await item.getByLabel(/^Raison/).fill("Attaque personnelle");
  await item.getByRole("button", { name: "Appliquer" }).click();
  // Resolved, the group leaves the queue.
  await expect(item).toHaveCount(0);

  // Hélène's tab, open all along, loses the text without a reload; the room is not told why.
  const hidden = readerPoint.details.getByRole("article", { name: "Commentaire de Gaspard" });
  await expect(hidden).toContainText("Commentaire masqué par la modération.");
  await expect(hidden).not.toContainText(offending);
  await expect(hidden).not.toContainText("Attaque personnelle");

  // She reported it, so the reason is hers to read on her next visit; a guest never reads it.
  await reader.reload();
  await readerPoint.open();
  await expect(hidden).toContainText(/Commentaire masqué par la modération\s*: Attaque personnelle/);
  const guest = await (await browser.newContext()).newPage();
  const atGuest = new DiscussionPage(guest);
  await atGuest.goto(slug);
  const guestPoint = atGuest.takeaway("1");
  await guestPoint.open();
  const asGuest = guestPoint.details.getByRole("article", { name: "Commentaire de Gaspard" });
  await expect(asGuest).toContainText("Commentaire masqué par la modération.");
  await expect(asGuest).not.toContainText("Attaque personnelle");

  // Gaspard still sees his words, and why they are hidden.
  await author.reload();
  await authorPoint.open();
  const own = authorPoint.comment(offending);
  await expect(own).toBeVisible();
  await expect(own).toContainText(/Commentaire masqué par la modération\s*: Attaque personnelle/);
  await author.goto("/notifications");
  await expect(author.getByRole("main")).toContainText("Votre commentaire a été masqué par la modération");

  await moderator.goto("/moderation/journal");
  await expect(moderator.getByRole("list", { name: /Actions de modération/ })).toContainText(
    "a traité des signalements",
  );
  await expect(moderator.getByRole("list", { name: /Actions de modération/ })).toContainText(
    "Attaque personnelle",
  );
});
