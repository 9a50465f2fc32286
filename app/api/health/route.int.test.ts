import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseConnection } from "@/db/client";
import { createTestDatabase } from "@/db/testing";
import { GET } from "./route";

const globalForDb = globalThis as { __agoraDatabase?: DatabaseConnection };

afterEach(async () => {
  await globalForDb.__agoraDatabase?.close();
  globalForDb.__agoraDatabase = undefined;
});

describe("GET /api/health", () => {
  it("answers 200 when the database is reachable", async () => {
    globalForDb.__agoraDatabase = await createTestDatabase();
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: { reachable: true } });
  });

  it("answers 503 with the reason when it is not", async () => {
    globalForDb.__agoraDatabase = openDatabase({ url: "postgres://postgres@127.0.0.1:1/nowhere" });
    const response = await GET();
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toMatchObject({ status: "unavailable", database: { reachable: false } });
    expect(body.database.error).toEqual(expect.any(String));
  });
});
