import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { getEnv } from "../env";

const globalForSecret = globalThis as { __agoraAuthSecret?: string };

/**
 * The secret that signs session cookies. Production must set AUTH_SECRET (the env check refuses
 * to start without it); in development one is generated once and kept beside the embedded data,
 * so sessions survive restarts and a newcomer has nothing to configure.
 */
export function getAuthSecret(): string {
  if (globalForSecret.__agoraAuthSecret) return globalForSecret.__agoraAuthSecret;
  const env = getEnv();
  if (env.AUTH_SECRET) return (globalForSecret.__agoraAuthSecret = env.AUTH_SECRET);
  const file = resolve(process.cwd(), dirname(env.AGORA_DATA_DIR), "auth-secret");
  let secret: string;
  try {
    secret = readFileSync(file, "utf8").trim();
  } catch {
    secret = randomBytes(32).toString("base64url");
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, secret, { mode: 0o600 });
    console.warn(
      `AUTH_SECRET is not set: generated a development secret in ${file}. Set AUTH_SECRET in production.`,
    );
  }
  return (globalForSecret.__agoraAuthSecret = secret);
}

/** Where Agora is reached from browsers: AUTH_URL, or this machine in development. */
export function getPublicUrl(): string {
  const env = getEnv();
  return env.AUTH_URL ?? `http://localhost:${env.PORT}`;
}
