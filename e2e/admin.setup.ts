import { test as setup } from "@playwright/test";
import { adminSessionFile, e2eAdmin, signInOverHttp } from "./fixtures/auth";

setup("the e2e admin signs in once for every spec", async ({ page }) => {
  await signInOverHttp(page, e2eAdmin.email, e2eAdmin.password);
  await page.context().storageState({ path: adminSessionFile });
});
