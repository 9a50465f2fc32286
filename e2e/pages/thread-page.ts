import type { Locator, Page } from "@playwright/test";

export class ThreadPage {
  readonly heading: Locator;
  readonly takeaways: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1 });
    this.takeaways = page.getByRole("list", { name: "Points clés de l’article" });
  }

  async goto(slug: string) {
    await this.page.goto(`/t/${slug}`);
  }

  /** Top-level takeaways, in order. */
  topLevelItems(): Locator {
    return this.takeaways.locator(":scope > li");
  }

  /** The text of every takeaway and sub-point, in reading order. */
  async allPointTexts(): Promise<string[]> {
    return this.takeaways.locator("p.reading").allTextContents();
  }

  point(number: string): Locator {
    return this.page.locator(`#point-${number.replaceAll(".", "-")}`);
  }
}
