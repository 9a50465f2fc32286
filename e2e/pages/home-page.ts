import type { Locator, Page } from "@playwright/test";

export class HomePage {
  readonly heading: Locator;
  readonly threadList: Locator;

  constructor(private readonly page: Page) {
    this.heading = page.getByRole("heading", { level: 1, name: "Discussions" });
    this.threadList = page.getByRole("list", { name: "Liste des discussions" });
  }

  async goto() {
    await this.page.goto("/");
  }

  threadLink(title: string): Locator {
    return this.threadList.getByRole("link", { name: title, exact: true });
  }

  threadCard(title: string): Locator {
    return this.threadList
      .getByRole("listitem")
      .filter({ has: this.page.getByRole("link", { name: title, exact: true }) });
  }
}
