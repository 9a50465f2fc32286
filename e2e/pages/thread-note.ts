import type { Locator, Page } from "@playwright/test";

/** The thread's synthesis: beside the discussion on wide screens, in its own tab on phones. */
export class ThreadNote {
  readonly section: Locator;
  readonly editor: Locator;
  readonly toolbar: Locator;
  readonly presence: Locator;
  readonly historyButton: Locator;
  readonly history: Locator;

  constructor(private readonly page: Page) {
    this.section = page.getByRole("region", { name: "Synthèse", exact: true });
    this.editor = this.section.getByRole("textbox", { name: "Synthèse de la discussion" });
    this.toolbar = this.section.getByRole("toolbar", { name: "Mise en forme de la synthèse" });
    this.presence = this.section.getByRole("list", { name: "Membres en train d’écrire" });
    this.historyButton = this.section.getByRole("button", { name: "Historique" });
    this.history = this.section.getByRole("region", { name: "Historique" });
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

  version(name: string): Locator {
    return this.history.getByRole("listitem").filter({ hasText: name });
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
