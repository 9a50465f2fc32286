import { z } from "zod";

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
  const result = envSchema.safeParse(cleaned);
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
