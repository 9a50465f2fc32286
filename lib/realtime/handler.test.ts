import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createEventRouter, type AgoraSocket } from "./handler";

/** A stand-in socket: the router only needs onAny and emit. */
function fakeSocket() {
  const emitted: unknown[][] = [];
  let listener: ((...args: unknown[]) => void) | undefined;
  const socket = {
    id: "s1",
    onAny(fn: (...args: unknown[]) => void) {
      listener = fn;
    },
    emit: (...args: unknown[]) => emitted.push(args),
  };
  const receive = (...args: unknown[]) => listener!.apply(socket, args);
  return { socket: socket as unknown as AgoraSocket, receive, emitted };
}

describe("the event router", () => {
  it("validates, runs the handler with the socket, and answers on the ack", async () => {
    const router = createEventRouter();
    router.on(
      "thread:join",
      z.object({ threadId: z.string() }),
      (socket, input) => `${socket.id}:${input.threadId}`,
    );
    const { socket, receive } = fakeSocket();
    router.attach(socket);
    const answers: Record<string, unknown> = {};
    receive("thread:join", { threadId: "t" }, (answer: unknown) => (answers.good = answer));
    receive("thread:join", { threadId: 3 }, (answer: unknown) => (answers.bad = answer));
    await new Promise((resolve) => setImmediate(resolve));
    expect(answers.good).toEqual({ ok: true, data: "s1:t" });
    expect(answers.bad).toMatchObject({ ok: false, error: { code: "bad_request:event" } });
  });

  it("answers zod's own complaints in French, never « Invalid … payload »", async () => {
    const router = createEventRouter();
    router.on("thread:join", z.object({ threadId: z.string() }).strict(), () => null);
    const { socket, receive } = fakeSocket();
    router.attach(socket);
    const answers: unknown[] = [];
    receive("thread:join", { threadId: 3, __proto__x: 1 }, (answer: unknown) => answers.push(answer));
    await new Promise((resolve) => setImmediate(resolve));
    const message = (answers[0] as { error: { message: string } }).error.message;
    expect(message).toMatch(/^Requête thread:join invalide\u202f: threadId: .*invalide/);
    expect(message).not.toMatch(/\b(Invalid|expected|received|Unrecognized|payload)\b/);
  });

  it("tells a client that sent no ack about its error, and ignores unknown events", async () => {
    const router = createEventRouter();
    router.on("thread:join", z.object({ threadId: z.string() }), () => {
      throw new Error("boom");
    });
    const { socket, receive, emitted } = fakeSocket();
    router.attach(socket);
    // The unexpected error is logged with its cause; this test expects it.
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    receive("thread:join", { threadId: "t" });
    receive("nobody:listens", {});
    await new Promise((resolve) => setImmediate(resolve));
    expect(emitted).toHaveLength(1);
    expect(emitted[0]![0]).toBe("app:error");
    expect(emitted[0]![1]).toMatchObject({ event: "thread:join", code: "internal:unexpected" });
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });

  it("refuses two handlers for one event", () => {
    const router = createEventRouter();
    router.on("thread:join", z.unknown(), () => null);
    expect(() => router.on("thread:join", z.unknown(), () => null)).toThrow("Two handlers");
  });
});
