import type { Locator, Page } from "@playwright/test";

export class SignInPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;

  constructor(private readonly page: Page) {
    this.email = page.getByLabel("Adresse e-mail");
    this.password = page.getByLabel("Mot de passe", { exact: true });
    this.submit = page.getByRole("button", { name: "Se connecter" });
    this.error = page.locator("main").getByRole("alert");
  }

  async goto() {
    await this.page.goto("/connexion");
  }

  async signIn(email: string, password: string) {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }
}
