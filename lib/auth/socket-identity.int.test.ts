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
import { suspendUser } from "../moderation/suspensions";
import { loadActor } from "./actor";
import { startMemberSession } from "./member-sessions";
import { disconnectSessionSockets, signOutSession } from "./sign-out";
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
    identify: (handshake) => identifyFromSessionCookie(handshake, database.db),
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

function tokenCookie(sub: string, sid: string, secret = getAuthSecret()) {
  return encode({ token: { sub, sid, name: "x" }, secret }).then((jwt) => `${sessionCookieName()}=${jwt}`);
}

/** A signed-in browser session of `sub`, as next-auth's jwt callback records it; `sid` is its id. */
async function signedIn(sub: string) {
  const sid = await startMemberSession(database.db, sub);
  return { sid, cookie: await tokenCookie(sub, sid) };
}

async function sessionCookie(sub: string) {
  return (await signedIn(sub)).cookie;
}

async function whoami(socket: ClientSocket) {
  return ((await socket.emitWithAck("session:whoami")) as { data: unknown }).data;
}

function closed(socket: ClientSocket) {
  return new Promise((resolve) => socket.once("disconnect", resolve));
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
    const socket = await open({ cookie: await sessionCookie(memberId) });
    expect(await socket.emitWithAck("session:whoami")).toEqual({
      ok: true,
      data: { id: memberId, name: "Inès", role: "member" },
    });
  });

  it("is a guest without a cookie, or with a forged one", async () => {
    const guest = await open();
    expect(await guest.emitWithAck("session:whoami")).toEqual({ ok: true, data: null });
    const forged = await open({
      cookie: await tokenCookie(
        adminId,
        (await signedIn(adminId)).sid,
        "a-secret-that-is-not-agoras-own-at-all",
      ),
    });
    expect(await forged.emitWithAck("session:whoami")).toEqual({ ok: true, data: null });
    const garbage = await open({ cookie: `${sessionCookieName()}=not.a.jwt` });
    expect(await garbage.emitWithAck("session:whoami")).toEqual({ ok: true, data: null });
  });

  it("sees a role change on a socket already open", async () => {
    const socket = await open({ cookie: await sessionCookie(memberId) });
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
    const { sid, cookie } = await signedIn(memberId);
    const first = await open({ cookie });
    const second = await open({ cookie });
    const other = await open({ cookie: await sessionCookie(memberId) });
    const bothClosed = Promise.all([first, second].map(closed));
    disconnectSessionSockets(sid);
    await bothClosed;
    expect(first.connected || second.connected).toBe(false);
    expect(other.connected).toBe(true);
  });
});

describe("a session that ended", () => {
  it("refuses a token captured before sign-out, over HTTP and at the socket handshake", async () => {
    const { sid, cookie } = await signedIn(memberId);
    const kept = await signedIn(memberId);
    expect(await loadActor(database.db, { userId: memberId, sid })).toMatchObject({ id: memberId });
    const open1 = await open({ cookie });
    expect(await whoami(open1)).toMatchObject({ id: memberId });

    const socketClosed = closed(open1);
    await signOutSession(database.db, sid);
    await socketClosed;

    expect(await loadActor(database.db, { userId: memberId, sid })).toBeNull();
    expect(await whoami(await open({ cookie }))).toBeNull();
    // Signing out ends this browser's session only.
    expect(await loadActor(database.db, { userId: memberId, sid: kept.sid })).toMatchObject({ id: memberId });
    expect(await whoami(await open({ cookie: kept.cookie }))).toMatchObject({ id: memberId });
  });

  it("refuses a token that names no recorded session, or another member's", async () => {
    const { sid } = await signedIn(adminId);
    expect(await loadActor(database.db, { userId: memberId, sid })).toBeNull();
    expect(await loadActor(database.db, { userId: memberId, sid: undefined })).toBeNull();
    expect(await whoami(await open({ cookie: await tokenCookie(memberId, "made-up") }))).toBeNull();
    expect(await whoami(await open({ cookie: await tokenCookie(memberId, sid) }))).toBeNull();
  });

  it("ends every session of a suspended member and closes their sockets", async () => {
    const target = await createUserWithPassword(database.db, {
      name: "Yanis",
      email: "yanis@exemple.fr",
      password: "Débat-ouvert-2026",
    });
    const phone = await signedIn(target.id);
    const laptop = await signedIn(target.id);
    const socket = await open({ cookie: laptop.cookie });
    const socketClosed = closed(socket);
    await suspendUser(database.db, await loadActor(database.db, adminId), {
      userId: target.id,
      reason: "Propos injurieux répétés",
      days: 3,
    });
    await socketClosed;
    for (const session of [phone, laptop]) {
      expect(await loadActor(database.db, { userId: target.id, sid: session.sid })).toBeNull();
      expect(await whoami(await open({ cookie: session.cookie }))).toBeNull();
    }
  });
});
