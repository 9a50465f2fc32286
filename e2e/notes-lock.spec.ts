import { expect, test, type Page, type WebSocketRoute } from "@playwright/test";
import { signInAsAdmin, signUpNewMember } from "./fixtures/auth";
import { publishOwnThread } from "./fixtures/own-thread";
import { ThreadNote } from "./pages/thread-note";
import { ThreadPage } from "./pages/thread-page";

/**
 * Holds the page's note updates on their way to the server until released, so that a lock
 * deterministically lands while a change is in flight. Socket.IO sends a binary event as a
 * text header (`45<attachments>-…["note:update",…]`) followed by its binary frames: both are held.
 */
async function holdNoteUpdates(page: Page) {
  let holding = false;
  let attachmentsToHold = 0;
  const held: (string | Buffer)[] = [];
  let server: WebSocketRoute | undefined;
  await page.routeWebSocket(/\/socket\.io\//, (client) => {
    const upstream = client.connectToServer();
    server = upstream;
    client.onMessage((message) => {
      if (attachmentsToHold > 0 && typeof message !== "string") {
        attachmentsToHold -= 1;
        held.push(message);
      } else if (holding && typeof message === "string" && message.includes('"note:update"')) {
        attachmentsToHold = Number(/^45(\d+)-/.exec(message)?.[1] ?? 0);
        held.push(message);
      } else {
        upstream.send(message);
      }
    });
    upstream.onMessage((message) => client.send(message));
  });
  return {
    hold: () => (holding = true),
    held: () => held.length,
    release() {
      holding = false;
      for (const message of held.splice(0)) server?.send(message);
    },
  };
}

test("when a moderator locks the synthesis while a member types, the editor turns read-only at once and keeps the unsent text to copy", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const tag = Date.now().toString(36);
  const slug = await publishOwnThread(browser, `Synthèse verrouillée ${tag}`, ["Un point"]);
  const saved = `Texte enregistré ${tag}`;
  const unsent = `Texte en route ${tag}`;

  const memberPage = await (await browser.newContext({ permissions: [] })).newPage();
  const network = await holdNoteUpdates(memberPage);
  await signUpNewMember(memberPage, "Maëlle");
  const member = new ThreadNote(memberPage);
  await new ThreadPage(memberPage).goto(slug);
  await expect(member.editor).toHaveAttribute("contenteditable", "true");
  await member.type(saved);
  await expect(member.allSaved).toBeVisible();

  const moderatorPage = await (await browser.newContext()).newPage();
  await signInAsAdmin(moderatorPage);
  const moderator = new ThreadNote(moderatorPage);
  await new ThreadPage(moderatorPage).goto(slug);
  await expect.poll(() => moderator.lines()).toEqual([saved]);

  // The member's next change is on its way when the lock lands.
  network.hold();
  await member.type(` ${unsent}`);
  await expect.poll(() => network.held()).toBeGreaterThan(0);
  await expect(member.status).toHaveText("Enregistrement…");
  await moderator.lockButton.click();
  await expect(moderatorPage.getByRole("button", { name: "Déverrouiller" })).toBeVisible();

  // Read-only the moment the lock arrives, with the reason, before the held change is answered.
  await expect(member.editor).toHaveAttribute("contenteditable", "false");
  await expect(member.section.getByText("Synthèse verrouillée.")).toBeVisible();
  network.release();

  // The server refused the change: it stays visible, copyable, and nothing claims it is saved.
  await expect(member.status).toHaveText("Vos dernières modifications n’ont pas été enregistrées.");
  await expect(member.section.getByText("À jour.")).toHaveCount(0);
  await expect(member.allSaved).toHaveCount(0);
  await expect.poll(() => member.lines()).toEqual([`${saved} ${unsent}`]);
  await expect(member.unsavedText).toHaveValue(`${saved} ${unsent}`);
  await expect(member.section.getByRole("button", { name: "Copier le texte" })).toBeVisible();
  await expect.poll(() => moderator.lines()).toEqual([saved]);

  // Unlocked while the page is still open, the member's text is sent and stored.
  await moderatorPage.getByRole("button", { name: "Déverrouiller" }).click();
  await expect(member.editor).toHaveAttribute("contenteditable", "true");
  await expect(member.allSaved).toBeVisible();
  await expect.poll(() => moderator.lines()).toEqual([`${saved} ${unsent}`]);
  await expect(member.unsavedText).toHaveCount(0);
});
