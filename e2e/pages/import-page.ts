import type { Locator, Page } from "@playwright/test";

export class ImportPage {
  readonly text: Locator;
  readonly preview: Locator;
  readonly previewSection: Locator;
  readonly publish: Locator;
  readonly result: Locator;
  readonly error: Locator;

  constructor(private readonly page: Page) {
    this.text = page.getByLabel("Texte de l’article");
    this.preview = page.getByRole("button", { name: "Prévisualiser" });
    this.previewSection = page.getByRole("region", { name: "Aperçu" });
    this.publish = page.getByRole("button", { name: /^Publier/ });
    this.result = page.locator("main").getByRole("status");
    this.error = page.locator("main").getByRole("alert");
  }

  async goto() {
    await this.page.goto("/moderation/importer");
  }
}
