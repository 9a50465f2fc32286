import type { z } from "zod";
import type { Database } from "../../db/client";
import { loadActor } from "../auth/actor";
import type { Actor } from "../auth/authorization";
import { featurePost, hidePost, movePost, restorePost, unfeaturePost } from "../moderation/post-moderation";
import { reportPost, resolveReports } from "../moderation/reports";
import {
  editThreadSchema,
  hidePostSchema,
  liftSuspensionSchema,
  lockThreadSchema,
  movePostSchema,
  postTargetSchema,
  reportPostSchema,
  resolveReportsSchema,
  setThreadTagsSchema,
  suspendUserSchema,
  threadTargetSchema,
} from "../moderation/schemas";
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
import { onEvent, type AgoraSocket } from "./handler";

type Operation = (db: Database, actor: Actor | null, input: unknown) => Promise<unknown>;

const operations: Record<ModerationEvent, [z.ZodType<unknown>, Operation]> = {
  "thread:pin": [threadTargetSchema, pinThread],
  "thread:unpin": [threadTargetSchema, unpinThread],
  "thread:lock": [lockThreadSchema, lockThread],
  "thread:unlock": [threadTargetSchema, unlockThread],
  "thread:archive": [threadTargetSchema, archiveThread],
  "thread:unarchive": [threadTargetSchema, unarchiveThread],
  "thread:edit": [editThreadSchema, editThread],
  "thread:tags": [setThreadTagsSchema, setThreadTags],
  "post:hide": [hidePostSchema, hidePost],
  "post:restore": [postTargetSchema, restorePost],
  "post:feature": [postTargetSchema, featurePost],
  "post:unfeature": [postTargetSchema, unfeaturePost],
  "post:move": [movePostSchema, movePost],
  "post:report": [reportPostSchema, reportPost],
  "reports:resolve": [resolveReportsSchema, resolveReports],
  "user:suspend": [suspendUserSchema, suspendUser],
  "user:unsuspend": [liftSuspensionSchema, liftSuspension],
};

/**
 * Moderation over sockets: the same lib functions as the server actions, the actor reloaded
 * from the session for every event, so a demoted moderator is refused at once.
 */
export function registerModerationHandlers(socket: AgoraSocket, db: () => Database) {
  for (const [event, [schema, operation]] of Object.entries(operations) as [
    ModerationEvent,
    [z.ZodType<unknown>, Operation],
  ][]) {
    onEvent(socket, event, schema, async (input) =>
      operation(db(), await loadActor(db(), socket.data.userId), input),
    );
  }
}
