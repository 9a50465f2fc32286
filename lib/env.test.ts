import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

describe("parseEnv", () => {
  it("gives a newcomer's defaults when nothing is set", () => {
    expect(parseEnv({})).toEqual({
      NODE_ENV: "development",
      PORT: 3000,
      HOST: "0.0.0.0",
      AGORA_DATA_DIR: "data/pglite",
      AGORA_SEED_DEMO: true,
      AGORA_ALLOWED_ORIGINS: [],
      AGORA_TRUSTED_PROXIES: [],
      AGORA_SIGN_UPS_PER_HOUR: 5,
    });
  });

  it("reads a production configuration", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      PORT: "8080",
      DATABASE_URL: "postgresql://agora:secret@db.internal:5432/agora",
      AGORA_SEED_DEMO: "false",
      AUTH_SECRET: "s".repeat(32),
      AUTH_URL: "https://agora.example",
    });
    expect(env).toMatchObject({ NODE_ENV: "production", PORT: 8080, AGORA_SEED_DEMO: false });
    expect(env.DATABASE_URL).toBe("postgresql://agora:secret@db.internal:5432/agora");
  });

  it("treats an empty value as unset", () => {
    const env = parseEnv({ DATABASE_URL: "", PORT: "" });
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("names every wrong variable, with what it got", () => {
    let thrown: unknown;
    try {
      parseEnv({ PORT: "quatre", DATABASE_URL: "mysql://localhost/agora", AGORA_SEED_DEMO: "peut-être" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvError);
    const { problems, message } = thrown as EnvError;
    expect(problems).toHaveLength(3);
    expect(message).toContain('PORT: must be a whole number (got "quatre")');
    expect(message).toContain(
      'DATABASE_URL: must be a postgres:// or postgresql:// URL (got "mysql://localhost/agora")',
    );
    expect(message).toContain('AGORA_SEED_DEMO: must be true or false (got "peut-être")');
  });

  it("reads REDIS_URL and refuses anything but a Redis URL", () => {
    expect(parseEnv({ REDIS_URL: "redis://127.0.0.1:6379" }).REDIS_URL).toBe("redis://127.0.0.1:6379");
    expect(parseEnv({ REDIS_URL: "rediss://cache.internal:6380" }).REDIS_URL).toBe(
      "rediss://cache.internal:6380",
    );
    expect(() => parseEnv({ REDIS_URL: "http://127.0.0.1:6379" })).toThrow(
      'REDIS_URL: must be a redis:// or rediss:// URL (got "http://127.0.0.1:6379")',
    );
  });

  it("requires a session secret in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow("AUTH_SECRET: is required in production");
    expect(() => parseEnv({ AUTH_SECRET: "court" })).toThrow("AUTH_SECRET: must be at least 32 characters");
  });

  it("wants both halves of an OAuth provider's credentials", () => {
    expect(() => parseEnv({ AUTH_GITHUB_ID: "id" })).toThrow(
      "AUTH_GITHUB_SECRET: must be set together with AUTH_GITHUB_ID",
    );
    expect(parseEnv({ AUTH_GOOGLE_ID: "id", AUTH_GOOGLE_SECRET: "secret" }).AUTH_GOOGLE_ID).toBe("id");
  });

  it("reads a list of allowed socket origins", () => {
    expect(
      parseEnv({ AGORA_ALLOWED_ORIGINS: "https://a.example, https://b.example" }).AGORA_ALLOWED_ORIGINS,
    ).toEqual(["https://a.example", "https://b.example"]);
    expect(() => parseEnv({ AGORA_ALLOWED_ORIGINS: "pas une origine" })).toThrow("AGORA_ALLOWED_ORIGINS");
  });

  it("reads a list of trusted proxies, addresses or CIDR ranges", () => {
    expect(
      parseEnv({ AGORA_TRUSTED_PROXIES: "10.0.0.0/8, 192.168.1.4,fd00::/8" }).AGORA_TRUSTED_PROXIES,
    ).toEqual(["10.0.0.0/8", "192.168.1.4", "fd00::/8"]);
    for (const wrong of ["proxy.internal", "10.0.0.0/33", "10.0.0.0/8/1", "fd00::/129", "10.0.0.0/-1"])
      expect(() => parseEnv({ AGORA_TRUSTED_PROXIES: wrong })).toThrow("AGORA_TRUSTED_PROXIES");
  });

  it("refuses a port out of range", () => {
    expect(() => parseEnv({ PORT: "70000" })).toThrow("PORT: must be between 0 and 65535");
  });
});
