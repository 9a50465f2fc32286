import type { Locator, Page } from "@playwright/test";

/** A takeaway's discussion under its block (a <details> that opens without JavaScript too). */
export class TakeawayDiscussionBlock {
  readonly details: Locator;
  readonly summary: Locator;
  readonly composer: Locator;
  readonly publish: Locator;
  readonly ownStance: Locator;
  readonly signInInvitation: Locator;
  /** The page carries a preview of the discussion; this loads its next conversations. */
  readonly moreComments: Locator;

  constructor(
    page: Page,
    readonly number: string,
  ) {
    this.details = page.locator(`#discussion-point-${number.replaceAll(".", "-")}`);
    this.summary = this.details.locator(":scope > summary");
    this.composer = this.details.getByLabel(`Commenter le point ${number}`, { exact: true });
    this.publish = this.composer.locator("xpath=ancestor::form").getByRole("button", { name: "Publier" });
    this.ownStance = this.details.getByRole("group", { name: "Votre position sur ce point" });
    this.signInInvitation = this.details.getByRole("link", { name: "Connectez-vous pour participer" });
    this.moreComments = this.details.getByRole("link", { name: "Voir plus de commentaires" });
  }

  async open() {
    if (!(await this.details.evaluate((element) => (element as HTMLDetailsElement).open))) {
      await this.summary.click();
    }
  }

  comment(text: string): Locator {
    return this.details.getByRole("article").filter({ hasText: text });
  }

  /** The number before a stance's label in the collapsed summary ("Nuance 2"). */
  async stanceCount(label: string): Promise<number> {
    const text = (await this.summary.textContent()) ?? "";
    const match = new RegExp(`${label}\\s(\\d+)`).exec(text.replaceAll("\u00a0", " "));
    return Number(match?.[1] ?? Number.NaN);
  }
}

export class DiscussionPage {
  readonly general: Locator;
  readonly liveStatus: Locator;
  readonly announcements: Locator;

  constructor(private readonly page: Page) {
    this.general = page.getByRole("region", { name: /^Discussion générale/ });
    this.liveStatus = page.getByRole("status").filter({ hasText: "En direct" });
    this.announcements = page.locator("[aria-live=polite]").filter({ hasText: /commentaire/ });
  }

  async goto(slug: string, query = "") {
    await this.page.goto(`/t/${slug}${query}`);
  }

  takeaway(number: string): TakeawayDiscussionBlock {
    return new TakeawayDiscussionBlock(this.page, number);
  }

  commentsBy(name: string): Locator {
    return this.page.getByRole("article", { name: `Commentaire de ${name}` });
  }
}
