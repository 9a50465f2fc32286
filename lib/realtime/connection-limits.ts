import { AppError } from "../errors";
import type { RealtimeServer } from "./server";

/**
 * How many sockets one address and one member may hold open at once. A browser tab holds one;
 * an office behind one address holds many, a script opening a thousand is not a reader.
 */
export interface ConnectionLimits {
  perAddress: number;
  perMember: number;
}

export const defaultConnectionLimits: ConnectionLimits = { perAddress: 100, perMember: 30 };

function counter() {
  const counts = new Map<string, number>();
  return {
    get: (key: string) => counts.get(key) ?? 0,
    add(key: string) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    remove(key: string) {
      const left = (counts.get(key) ?? 1) - 1;
      if (left > 0) counts.set(key, left);
      else counts.delete(key);
    },
  };
}

/**
 * Refuses a handshake past either limit, with a French reason the client receives as its
 * connect_error; counts are per instance. Register after the middleware that identifies the
 * member (it reads `socket.data.userId`).
 */
export function limitConnections(
  io: RealtimeServer,
  limits: ConnectionLimits,
  addressOf: (socket: Parameters<Parameters<RealtimeServer["use"]>[0]>[0]) => string | null,
): void {
  const byAddress = counter();
  const byMember = counter();
  io.use((socket, next) => {
    const address = addressOf(socket);
    const member = socket.data.userId;
    if (address && byAddress.get(address) >= limits.perAddress) {
      return next(
        new AppError("rate_limited:connections", "Trop de connexions ouvertes depuis cette adresse."),
      );
    }
    if (member && byMember.get(member) >= limits.perMember) {
      return next(
        new AppError(
          "rate_limited:connections",
          "Trop de connexions ouvertes pour ce compte\u202f: fermez des onglets.",
        ),
      );
    }
    if (address) byAddress.add(address);
    if (member) byMember.add(member);
    socket.once("disconnect", () => {
      if (address) byAddress.remove(address);
      if (member) byMember.remove(member);
    });
    next();
  });
}
