import { z } from "zod";
import type { Database } from "../../db/client";
import { loadActor } from "../auth/actor";
import type { EventRouter } from "./handler";

/**
 * `session:whoami` tells a client who the server takes it for (its name for presence, its role
 * for what to show); the answer comes from the session cookie, never from the client.
 */
export function routeSessionEvents(router: EventRouter, db: () => Database) {
  router.on("session:whoami", z.undefined().or(z.object({}).strict()), async (socket) => {
    const actor = await loadActor(db(), socket.data.userId);
    return actor ? { id: actor.id, name: actor.name, role: actor.role } : null;
  });
}
