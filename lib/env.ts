import { isIP } from "node:net";
import { z } from "zod";

/** An address or a CIDR range: 10.0.0.1, 10.0.0.0/8, ::1, fd00::/8. */
function isAddressOrRange(entry: string): boolean {
  const [address = "", prefix, extra] = entry.split("/");
  const version = isIP(address);
  if (!version || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (version === 4 ? 32 : 128);
}

/**
 * The only reader of process.env. Validated once, on first use, so that `next build`
 * (which imports route modules) does not demand run-time settings it never uses.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(0, "must be between 0 and 65535")
    .max(65535, "must be between 0 and 65535")
    .default(3000),
  HOST: z.string().min(1, "must not be empty").default("0.0.0.0"),
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
    .optional(),
  /** Shares Socket.IO rooms between instances through Redis Streams; see lib/realtime/adapter.ts. */
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" }).optional(),
  AGORA_DATA_DIR: z.string().min(1, "must not be empty").default("data/pglite"),
  AGORA_SEED_DEMO: z.stringbool({ error: "must be true or false" }).default(true),
  /** Signs session cookies. Required in production; generated and kept in the data folder otherwise. */
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 32)").optional(),
  /** The public address of Agora, for sign-in redirects and the socket Origin check. */
  AUTH_URL: z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" }).optional(),
  /** Extra origins allowed to open a socket, comma-separated (the AUTH_URL origin always is). */
  AGORA_ALLOWED_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(z.url({ error: "must be a comma-separated list of origins such as https://agora.example" })),
    )
    .default([]),
  /**
   * Proxies whose X-Forwarded-For is believed, comma-separated addresses or CIDR ranges. Unset:
   * rate limits use the connection's own address and ignore X-Forwarded-For.
   */
  AGORA_TRUSTED_PROXIES: z
    .string()
    .transform((value) =>
      value
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.string().refine(isAddressOrRange, {
          error: "must be a comma-separated list of addresses or CIDR ranges such as 10.0.0.0/8",
        }),
      ),
    )
    .default([]),
  /** Accounts one address may create per hour (raise it where many members share one address). */
  AGORA_SIGN_UPS_PER_HOUR: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .default(5),
  /** Read by `npm run user:create` only, so a password never has to appear in argv. */
  AGORA_USER_PASSWORD: z.string().optional(),
  AUTH_GITHUB_ID: z.string().min(1).optional(),
  AUTH_GITHUB_SECRET: z.string().min(1).optional(),
  AUTH_GOOGLE_ID: z.string().min(1).optional(),
  AUTH_GOOGLE_SECRET: z.string().min(1).optional(),
});

const checkedEnvSchema = envSchema.superRefine((env, context) => {
  if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
    context.addIssue({
      code: "custom",
      path: ["AUTH_SECRET"],
      message: "is required in production (try: openssl rand -base64 32)",
    });
  }
  for (const provider of ["GITHUB", "GOOGLE"] as const) {
    const id = env[`AUTH_${provider}_ID`];
    const secret = env[`AUTH_${provider}_SECRET`];
    if (Boolean(id) !== Boolean(secret)) {
      context.addIssue({
        code: "custom",
        path: [id ? `AUTH_${provider}_SECRET` : `AUTH_${provider}_ID`],
        message: `must be set together with ${id ? `AUTH_${provider}_ID` : `AUTH_${provider}_SECRET`}`,
      });
    }
  }
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Invalid environment:\n${problems.map((problem) => `  - ${problem}`).join("\n")}\nSee .env.example.`,
    );
    this.name = "EnvError";
  }
}

/** Parses a given environment; exported for tests, which must not mutate process.env. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty string in a shell or .env file means "unset", not "the empty value".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = checkedEnvSchema.safeParse(cleaned);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => {
      const name = issue.path.join(".");
      const received = source[name];
      return `${name}: ${issue.message}${received === undefined ? "" : ` (got "${received}")`}`;
    }),
  );
}

const globalForEnv = globalThis as { __agoraEnv?: Env };

export function getEnv(): Env {
  globalForEnv.__agoraEnv ??= parseEnv(process.env);
  return globalForEnv.__agoraEnv;
}
