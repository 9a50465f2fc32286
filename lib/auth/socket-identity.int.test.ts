import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { encode } from "next-auth/jwt";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import type { ClientToServerEvents, ServerToClientEvents } from "../realtime/events";
import { createRealtimeServer, type RealtimeServer } from "../realtime/server";
import { createUserWithPassword } from "../users/create-user";
import { changeUserRole } from "../users/change-role";
import { loadActor } from "./actor";
import { disconnectSessionSockets } from "./sign-out";
import { getAuthSecret } from "./secret";
import { sessionCookieName } from "./session-cookie";
import { identifyFromSessionCookie } from "./socket-identity";

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let database: TestDatabase;
let io: RealtimeServer;
let url: string;
let memberId: string;
let adminId: string;
const sockets: ClientSocket[] = [];
const origin = "http://agora.test";

beforeAll(async () => {
  database = await createTestDatabase();
  const password = "Débat-ouvert-2026";
  memberId = (await createUserWithPassword(database.db, { name: "Inès", email: "ines@exemple.fr", password }))
    .id;
  adminId = (
    await createUserWithPassword(database.db, { name: "Admin", email: "admin@exemple.fr", password }, "admin")
  ).id;
  const httpServer = createServer();
  io = createRealtimeServer(httpServer, {
    db: database.db,
    identify: identifyFromSessionCookie,
    allowedOrigins: [origin],
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await io.close();
  await database.close();
});

async function sessionCookie(sub: string, sid: string, secret = getAuthSecret()) {
  return `${sessionCookieName()}=${await encode({ token: { sub, sid, name: "x" }, secret })}`;
}

function open(headers: Record<string, string> = {}): Promise<ClientSocket> {
  const socket: ClientSocket = connect(url, {
    transports: ["websocket"],
    forceNew: true,
    extraHeaders: { origin, ...headers },
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", reject);
  });
}

describe("who a socket is", () => {
  it("is the member whose session cookie it carries", async () => {
    const socket = await open({ cookie: await sessionCookie(memberId, "sid-1") });
    expect(await socket.emitWithAck("session:whoami")).toEqual({
      ok: true,
      data: { id: memberId, name: "Inès", role: "member" },
    });
  });

  it("is a guest without a cookie, or with a forged one", async () => {
    const guest = await open();
    expect(await guest.emitWithAck("session:whoami")).toEqual({ ok: true, data: null });
    const forged = await open({
      cookie: await sessionCookie(adminId, "sid-2", "a-secret-that-is-not-agoras-own-at-all"),
    });
    expect(await forged.emitWithAck("session:whoami")).toEqual({ ok: true, data: null });
    const garbage = await open({ cookie: `${sessionCookieName()}=not.a.jwt` });
    expect(await garbage.emitWithAck("session:whoami")).toEqual({ ok: true, data: null });
  });

  it("sees a role change on a socket already open", async () => {
    const socket = await open({ cookie: await sessionCookie(memberId, "sid-3") });
    const admin = await loadActor(database.db, adminId);
    await changeUserRole(database.db, admin, { userId: memberId, role: "moderator" });
    expect(await socket.emitWithAck("session:whoami")).toMatchObject({
      ok: true,
      data: { role: "moderator" },
    });
  });

  it("refuses a handshake from another site's page", async () => {
    await expect(open({ origin: "http://evil.example" })).rejects.toThrow();
  });

  it("disconnects every socket of a session when it signs out, and only those", async () => {
    const cookie = await sessionCookie(memberId, "sid-out");
    const first = await open({ cookie });
    const second = await open({ cookie });
    const other = await open({ cookie: await sessionCookie(memberId, "sid-stays") });
    const closed = Promise.all(
      [first, second].map((socket) => new Promise((resolve) => socket.once("disconnect", resolve))),
    );
    disconnectSessionSockets("sid-out");
    await closed;
    expect(first.connected || second.connected).toBe(false);
    expect(other.connected).toBe(true);
  });
});
