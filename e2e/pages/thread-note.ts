import type { Locator, Page } from "@playwright/test";

/** The thread's synthesis: beside the discussion on wide screens, in its own tab on phones. */
export class ThreadNote {
  readonly section: Locator;
  readonly editor: Locator;
  readonly toolbar: Locator;
  readonly presence: Locator;
  readonly allSaved: Locator;
  readonly historyButton: Locator;
  readonly history: Locator;
  readonly versions: Locator;
  readonly status: Locator;
  readonly lockButton: Locator;
  readonly unsavedText: Locator;

  constructor(private readonly page: Page) {
    this.section = page.getByRole("region", { name: "Synthèse", exact: true });
    this.editor = this.section.getByRole("textbox", { name: "Synthèse de la discussion" });
    this.toolbar = this.section.getByRole("toolbar", { name: "Mise en forme de la synthèse" });
    this.presence = this.section.getByRole("list", { name: "Membres en train d’écrire" });
    this.allSaved = this.section
      .getByRole("status")
      .filter({ hasText: "Toutes les modifications sont enregistrées." });
    this.historyButton = this.section.getByRole("button", { name: "Historique" });
    this.history = this.section.getByRole("region", { name: "Historique" });
    this.versions = this.history.getByRole("list", { name: "Versions de la synthèse" });
    this.status = this.section.getByRole("status").first();
    this.lockButton = this.section.getByRole("button", { name: "Verrouiller", exact: true });
    this.unsavedText = this.section.getByRole("textbox", {
      name: "Votre version de la synthèse, non enregistrée",
    });
  }

  tab(name: "Discussion" | "Synthèse"): Locator {
    return this.page.getByRole("tab", { name, exact: true });
  }

  /** Types at the end of the note. */
  async type(text: string) {
    await this.editor.click();
    await this.page.keyboard.press("ControlOrMeta+End");
    await this.page.keyboard.type(text);
  }

  /** Types at the start of the note, so that another member can write at its end meanwhile. */
  async typeAtStart(text: string) {
    await this.editor.click();
    await this.page.keyboard.press("ControlOrMeta+Home");
    await this.page.keyboard.type(text);
  }

  /** Empties the note. */
  async clear() {
    await this.editor.click();
    await this.page.keyboard.press("ControlOrMeta+A");
    await this.page.keyboard.press("Backspace");
  }

  /**
   * The note's blocks as a reader sees them: without the labels of the other members' carets,
   * which sit inside the text (and inside its textContent) wherever those members' cursors are.
   */
  async lines(): Promise<string[]> {
    return this.editor.evaluate((editor) =>
      [...editor.children].map((block) => {
        const copy = block.cloneNode(true) as HTMLElement;
        for (const caret of copy.querySelectorAll(".collaboration-carets__caret")) caret.remove();
        return copy.textContent ?? "";
      }),
    );
  }

  /** Another member's caret in the text, labelled with their name (TipTap's collaboration caret). */
  caretOf(name: string): Locator {
    return this.editor.locator(".collaboration-carets__label").filter({ hasText: name });
  }

  async openHistory() {
    if ((await this.historyButton.getAttribute("aria-expanded")) !== "true") await this.historyButton.click();
  }

  version(name: string): Locator {
    return this.versions.getByRole("listitem").filter({ hasText: name });
  }

  async saveVersion(name: string) {
    await this.history.getByLabel("Nom de la version").fill(name);
    await this.history.getByRole("button", { name: "Enregistrer une version" }).click();
  }

  async restore(name: string) {
    await this.version(name).getByRole("button", { name: "Restaurer" }).click();
    await this.version(name).getByRole("button", { name: "Confirmer la restauration" }).click();
  }
}
