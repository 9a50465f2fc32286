import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium where it is installed (Playwright cannot download browsers everywhere);
// Playwright's own browser elsewhere.
const systemChromium = "/usr/bin/chromium";
const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: existsSync(systemChromium)
    ? { executablePath: systemChromium, args: ["--no-sandbox", "--disable-background-networking"] }
    : {},
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: process.env.CI ? 2 : undefined,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    locale: "fr-FR",
  },
  projects: [
    { name: "admin session", testMatch: "admin.setup.ts", use: chromium },
    { name: "chromium", dependencies: ["admin session"], use: chromium },
  ],
  // The production build, as users get it. Without DATABASE_URL it runs on a fresh embedded
  // database of its own, so a developer's data in data/pglite is never touched.
  webServer: {
    // The admin account of e2e/fixtures/auth.ts is created before the server takes the database
    // (the embedded one admits one process); it already exists when DATABASE_URL is reused.
    command:
      "rm -rf data/e2e-pglite data/e2e-pglite.lock && npm run build && " +
      "(npm run --silent user:create -- --email admin@e2e.agora.test --name 'Admin E2E' --role admin || true) && " +
      // Fixtures written straight to the database (e2e/fixtures/seed-database.ts), e.g. hostile comments.
      "npm run --silent e2e:seed && npm start",
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(port),
      AGORA_DATA_DIR: "data/e2e-pglite",
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_SECRET: "e2e-only-secret-e2e-only-secret-e2e-only",
      // Every spec signs up from 127.0.0.1; production keeps the default of 5 an hour.
      AGORA_SIGN_UPS_PER_HOUR: "1000",
      AGORA_USER_PASSWORD: "Veiller-sur-les-debats-2026",
    },
  },
});
