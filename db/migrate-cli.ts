import { closeDatabase, getDatabase } from "./client";
import { getEnv } from "../lib/env";

// `npm run db:migrate`: apply pending migrations without starting the server (the server applies them too).
try {
  getEnv();
  const connection = getDatabase();
  await connection.migrate();
  console.log(`Migrations applied to ${connection.location}.`);
  await closeDatabase();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await closeDatabase().catch(() => {});
  process.exit(1);
}
