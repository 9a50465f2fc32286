import { expect, test, type Browser, type Page } from "@playwright/test";
import { signUpNewMember } from "./fixtures/auth";
import { publishOwnThread } from "./fixtures/own-thread";
import { ThreadNote } from "./pages/thread-note";
import { ThreadPage } from "./pages/thread-page";

async function openNoteAs(
  browser: Browser,
  slug: string,
  name: string | null,
): Promise<{ page: Page; note: ThreadNote }> {
  const page = await (await browser.newContext()).newPage();
  if (name) await signUpNewMember(page, name);
  const note = new ThreadNote(page);
  await new ThreadPage(page).goto(slug);
  await expect(note.editor).toHaveAttribute("contenteditable", name ? "true" : "false");
  return { page, note };
}

test("two members write the synthesis together, see each other’s text and caret, and restore a version", async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const tag = Date.now().toString(36);
  const agreements = `Nos accords ${tag}`;
  const questions = `Nos questions ${tag}`;
  const alineWords = `Pour Aline, ${tag}\u202f: `;
  const brunoWords = `\u202f: qui l’écoute encore, ${tag}\u202f?`;
  const alineLater = `Ajout tardif d’Aline ${tag}`;
  const brunoLater = `Ajout tardif de Bruno ${tag} `;

  const slug = await publishOwnThread(browser, `Synthèse à deux ${tag}`, ["Un point à synthétiser"]);
  const aline = await openNoteAs(browser, slug, "Aline");
  const bruno = await openNoteAs(browser, slug, "Bruno");
  const guest = await openNoteAs(browser, slug, null);
  // Having the note open is not writing: nobody is named yet, and nobody ever sees themselves.
  await expect(aline.note.section.getByText("Personne n’écrit en ce moment.")).toBeVisible();

  // Two lines, so that each member then writes in their own and neither caret pushes the other’s text.
  await aline.note.clear();
  await aline.note.type(`${agreements}\n${questions}`);
  await expect.poll(() => bruno.note.lines()).toEqual([agreements, questions]);

  // Both type at the same time; each sees the other’s words and named caret arrive.
  // Where each caret stands when the other's words arrive varies under load (seen once in three
  // runs on a busy machine): what must hold is that both end with the same text, all of it kept.
  await Promise.all([aline.note.typeAtStart(alineWords), bruno.note.type(brunoWords)]);
  await expect
    .poll(async () => {
      const [seenByAline, seenByBruno] = await Promise.all([aline.note.lines(), bruno.note.lines()]);
      const text = seenByAline.join("\n");
      return (
        JSON.stringify(seenByAline) === JSON.stringify(seenByBruno) &&
        [alineWords, brunoWords, agreements, questions].every((words) => text.includes(words))
      );
    })
    .toBe(true);
  const versionLines = await aline.note.lines();
  await expect(aline.note.caretOf("Bruno")).toBeVisible();
  await expect(bruno.note.caretOf("Aline")).toBeVisible();
  for (const [note, other] of [
    [aline.note, "Bruno"],
    [bruno.note, "Aline"],
  ] as const) {
    await expect(note.presence.getByRole("listitem")).toHaveCount(1);
    await expect(note.presence.getByRole("listitem")).toContainText(other);
  }
  await expect(aline.note.allSaved).toBeVisible();
  await expect(bruno.note.allSaved).toBeVisible();

  // A guest follows along, read-only, with no formatting tools, and is not listed as writing.
  await expect.poll(() => guest.note.lines()).toEqual(versionLines);
  await expect(guest.note.editor).toHaveAttribute("aria-readonly", "true");
  await expect(guest.note.toolbar).toHaveCount(0);

  // Aline names this state; both write on; Bruno restores the named version.
  await aline.note.openHistory();
  await aline.note.saveVersion("Première synthèse");
  await expect(aline.note.version("Première synthèse")).toBeVisible();
  await Promise.all([aline.note.type(`\n${alineLater}`), bruno.note.typeAtStart(brunoLater)]);
  // Where Bruno's caret lands under load varies; what must hold is that both end identical,
  // with both additions and the earlier text kept.
  await expect
    .poll(async () => {
      const [seenByAline, seenByBruno] = await Promise.all([aline.note.lines(), bruno.note.lines()]);
      const text = seenByAline.join("\n");
      return (
        JSON.stringify(seenByAline) === JSON.stringify(seenByBruno) &&
        [alineLater, brunoLater.trim(), agreements, questions].every((part) => text.includes(part))
      );
    })
    .toBe(true);
  for (const { note } of [aline, bruno]) await expect(note.allSaved).toBeVisible();

  await bruno.note.openHistory();
  await bruno.note.restore("Première synthèse");
  for (const { note } of [aline, bruno, guest]) {
    await expect.poll(() => note.lines()).toEqual(versionLines);
  }
  // The restore is a new edit on top: the history keeps the named version and the restore.
  for (const { note } of [aline, bruno]) {
    await expect(note.version("Première synthèse")).toBeVisible();
    await expect(note.version("Restauration d’une version")).toContainText("restaurée par Bruno");
  }
});
