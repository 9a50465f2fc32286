import type { Locator, Page } from "@playwright/test";

export class SiteHeader {
  readonly signedInAs: Locator;
  readonly signOut: Locator;
  readonly signInLink: Locator;

  constructor(page: Page) {
    const header = page.getByRole("banner");
    this.signedInAs = header.getByTestId("signed-in-as");
    this.signOut = header.getByRole("button", { name: "Se déconnecter" });
    this.signInLink = header.getByRole("link", { name: "Se connecter" });
  }
}
