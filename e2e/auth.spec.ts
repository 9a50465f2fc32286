import { expect, test } from "@playwright/test";
import { memberPassword, signInAsAdmin, signInOverHttp, signUpNewMember, uniqueEmail } from "./fixtures/auth";
import { SignInPage } from "./pages/sign-in-page";
import { SiteHeader } from "./pages/site-header";

test("a visitor signs up, signs out, is refused a wrong password, and signs in again", async ({ page }) => {
  const member = await signUpNewMember(page, "Capucine");
  const header = new SiteHeader(page);
  await expect(header.signedInAs).toHaveText("Capucine");

  await header.signOut.click();
  await expect(header.signInLink).toBeVisible();
  await expect(header.signedInAs).toHaveCount(0);

  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(member.email, "pas-le-bon-mot-2026");
  await expect(signIn.error).toHaveText("Adresse e-mail ou mot de passe incorrect.");
  await signIn.signIn("personne-inconnue@e2e.agora.test", member.password);
  await expect(signIn.error).toHaveText("Adresse e-mail ou mot de passe incorrect.");

  await signIn.signIn(member.email.toUpperCase(), member.password);
  await expect(header.signedInAs).toHaveText("Capucine");
  await expect(page).toHaveURL("/");
});

test("sign-up explains what to fix", async ({ page }) => {
  await page.goto("/inscription");
  await page.getByLabel("Nom affiché").fill("X");
  await page.getByLabel("Adresse e-mail").fill("pas-une-adresse");
  await page.getByLabel("Mot de passe", { exact: true }).fill("court");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page.getByText("Le nom doit faire au moins 2 caractères.")).toBeVisible();
  await expect(page.getByText("Cette adresse e-mail n’est pas valide.")).toBeVisible();
  await expect(page.getByText("Il faut au moins 10 caractères.")).toBeVisible();
  await expect(page.getByLabel("Mot de passe", { exact: true })).toHaveAttribute("aria-invalid", "true");
});

test("the session cookie is HttpOnly and SameSite=Lax", async ({ page }) => {
  await signUpNewMember(page, "Basile");
  const [cookie] = (await page.context().cookies()).filter((c) => c.name.endsWith("next-auth.session-token"));
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

test("an admin gives a member the moderator role; a member's profile is public", async ({ browser }) => {
  // Unique, so a database reused from an earlier run (or --repeat-each) holds one such row.
  const name = `Dorine ${Math.random()
    .toString(36)
    .replace(/[^a-z]/g, "")
    .slice(0, 6)}`;
  const memberPage = await (await browser.newContext()).newPage();
  await signUpNewMember(memberPage, name);
  await memberPage.goto("/admin/membres");
  await expect(memberPage.getByRole("heading", { name: "Accès refusé" })).toBeVisible();

  const adminPage = await (await browser.newContext()).newPage();
  await signInAsAdmin(adminPage);
  await adminPage.goto("/admin/membres");
  const row = adminPage.getByRole("row").filter({ hasText: name });
  await row.getByLabel(`Rôle de ${name}`).selectOption("moderator");
  await row.getByRole("button", { name: "Enregistrer" }).click();
  await expect(row.getByRole("status")).toHaveText(`Rôle de ${name} enregistré.`);

  await memberPage.reload();
  await expect(memberPage.getByRole("banner")).toContainText("Modération");
  await memberPage
    .getByRole("banner")
    .getByRole("link", { name: /Votre profil/ })
    .click();
  await expect(memberPage.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(memberPage.getByText(`${name} n’a pas encore commenté.`)).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a visitor signs up, is signed in, signs out and signs in again, never with the password in a URL", async ({
    page,
  }) => {
    const urls: string[] = [];
    page.on("request", (request) => urls.push(request.url()));
    const email = uniqueEmail("sansjs");
    const header = new SiteHeader(page);

    await page.goto("/inscription?callbackUrl=%2Fconnexion%3Fvenu%3D1");
    await page.getByLabel("Nom affiché").fill("Sans Script");
    await page.getByLabel("Adresse e-mail").fill(email);
    await page.getByLabel("Mot de passe", { exact: true }).fill(memberPassword);
    await page.getByRole("button", { name: "Créer mon compte" }).click();
    await expect(header.signedInAs).toHaveText("Sans Script");

    await header.signOut.click();
    await expect(header.signInLink).toBeVisible();
    await expect(header.signedInAs).toHaveCount(0);

    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn(email, "pas-le-bon-mot-2026");
    await expect(signIn.error).toHaveText("Adresse e-mail ou mot de passe incorrect.");
    await expect(signIn.email).toHaveValue(email);
    await signIn.signIn(email, memberPassword);
    await expect(header.signedInAs).toHaveText("Sans Script");
    await expect(page).toHaveURL("/");

    expect(
      urls.filter((url) => url.includes(encodeURIComponent(memberPassword)) || url.includes("password=")),
    ).toEqual([]);
  });
});

test("a session cookie copied before sign-out no longer signs anyone in", async ({ page, browser }) => {
  await signUpNewMember(page, "Eugénie");
  const copied = (await page.context().cookies()).filter((c) => c.name.endsWith("next-auth.session-token"));
  const header = new SiteHeader(page);
  await header.signOut.click();
  await expect(header.signInLink).toBeVisible();

  const thief = await (await browser.newContext()).newPage();
  await thief.context().addCookies(copied);
  await thief.goto("/");
  await expect(new SiteHeader(thief).signInLink).toBeVisible();
  await expect(new SiteHeader(thief).signedInAs).toHaveCount(0);
});

test("changing the password ends the member's other sessions and keeps this one", async ({
  page,
  browser,
}) => {
  const member = await signUpNewMember(page, "Gaspard");
  const elsewhere = await (await browser.newContext()).newPage();
  await signInOverHttp(elsewhere, member.email, member.password);
  await elsewhere.goto("/");
  await expect(new SiteHeader(elsewhere).signedInAs).toHaveText("Gaspard");

  await page
    .getByRole("banner")
    .getByRole("link", { name: /Votre profil/ })
    .click();
  await page.getByRole("link", { name: "Changer de mot de passe" }).click();
  await page.getByLabel("Mot de passe actuel").fill("pas-le-bon-2026");
  await page.getByLabel("Nouveau mot de passe").fill("Nouvel-avis-2027!");
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await expect(page.getByText("Ce n’est pas votre mot de passe actuel.")).toBeVisible();
  await page.getByLabel("Mot de passe actuel").fill(member.password);
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await expect(page.getByRole("status")).toHaveText("Mot de passe changé. Vos autres sessions sont fermées.");

  await page.goto("/");
  await expect(new SiteHeader(page).signedInAs).toHaveText("Gaspard");
  await elsewhere.reload();
  await expect(new SiteHeader(elsewhere).signInLink).toBeVisible();
});
