import { defineConfig } from "drizzle-kit";
import { getEnv } from "./lib/env";

// Generation works offline from the schema; the URL only matters for drizzle-kit's
// introspection commands, which target a real server.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema",
  out: "./db/migrations",
  dbCredentials: { url: getEnv().DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
  strict: true,
  verbose: true,
});
