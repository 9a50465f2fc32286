import { z } from "zod";
import type { Database } from "../../db/client";
import { loadActor } from "../auth/actor";
import type { Actor } from "../auth/authorization";
import { featurePost, hidePost, movePost, restorePost, unfeaturePost } from "../moderation/post-moderation";
import { reportPost, resolveReports } from "../moderation/reports";
import { liftSuspension, suspendUser } from "../moderation/suspensions";
import {
  archiveThread,
  editThread,
  lockThread,
  pinThread,
  setThreadTags,
  unarchiveThread,
  unlockThread,
  unpinThread,
} from "../moderation/thread-moderation";
import type { ModerationEvent } from "./events";
import type { EventRouter } from "./handler";

const payloadObject = z.record(z.string(), z.unknown(), { error: "La demande doit être un objet." });

type Operation = (db: Database, actor: Actor | null, input: unknown) => Promise<unknown>;

/**
 * Each operation validates the raw payload with its schema in lib/moderation/schemas.ts, so
 * sockets and forms get the same French field errors; schemas that transform (an intro string
 * into paragraphs) must see the payload exactly once.
 */
const operations: Record<ModerationEvent, Operation> = {
  "thread:pin": pinThread,
  "thread:unpin": unpinThread,
  "thread:lock": lockThread,
  "thread:unlock": unlockThread,
  "thread:archive": archiveThread,
  "thread:unarchive": unarchiveThread,
  "thread:edit": editThread,
  "thread:tags": setThreadTags,
  "post:hide": hidePost,
  "post:restore": restorePost,
  "post:feature": featurePost,
  "post:unfeature": unfeaturePost,
  "post:move": movePost,
  "post:report": reportPost,
  "reports:resolve": resolveReports,
  "user:suspend": suspendUser,
  "user:unsuspend": liftSuspension,
};

/**
 * Moderation over sockets: the same lib functions as the server actions, the actor reloaded
 * from the session for every event, so a demoted moderator is refused at once.
 */
export function routeModerationEvents(router: EventRouter, db: () => Database) {
  for (const [event, operation] of Object.entries(operations) as [ModerationEvent, Operation][]) {
    router.on(event, payloadObject, async (socket, input) =>
      operation(db(), await loadActor(db(), socket.data.userId), input),
    );
  }
}
