import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { seedDiscussion, type SeededDiscussion } from "../posts/testing";
import { startTestServer, waitFor, type TestServer } from "./testing";
import type { ClientSocket } from "./thread-sync";

let database: TestDatabase;
let seeded: SeededDiscussion;
let server: TestServer;
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedDiscussion(database.db);
  server = await startTestServer(database.db, { connectionLimits: { perAddress: 3, perMember: 2 } });
});
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await server.close();
  await database.close();
});

/** Connects and resolves with null once connected, or with the refusal's message. */
async function open(userId: string | null): Promise<{ socket: ClientSocket; refused: string | null }> {
  const socket: ClientSocket = connect(server.url, {
    transports: ["websocket"],
    forceNew: true,
    reconnection: false,
    auth: userId ? { testUserId: userId } : {},
  });
  sockets.push(socket);
  const refused = await new Promise<string | null>((resolve) => {
    socket.once("connect", () => resolve(null));
    socket.once("connect_error", (error) => resolve(error.message));
  });
  return { socket, refused };
}

describe("connections per address and per member", () => {
  it("refuses sockets past either limit with a French reason, and admits again once one closes", async () => {
    const alice = seeded.members.alice.id;
    const first = await open(alice);
    expect(first.refused).toBeNull();
    expect((await open(alice)).refused).toBeNull();
    expect((await open(alice)).refused).toBe(
      "Trop de connexions ouvertes pour ce compte\u202f: fermez des onglets.",
    );
    // A guest from the same address takes the last place the address has.
    expect((await open(null)).refused).toBeNull();
    expect((await open(seeded.members.bob.id)).refused).toBe(
      "Trop de connexions ouvertes depuis cette adresse.",
    );

    first.socket.disconnect();
    await waitFor(async () => (await open(seeded.members.bob.id)).refused === null, {
      message: "a place to free up once a socket closed",
    });
  });
});
