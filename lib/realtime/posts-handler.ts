import type { Database } from "../../db/client";
import { loadActor } from "../auth/actor";
import { AppError } from "../errors";
import { assertActorCan } from "../posts/access";
import { catchUp } from "../posts/catch-up";
import { createComment } from "../posts/create-comment";
import { deleteComment, editComment } from "../posts/edit-comment";
import {
  catchUpSchema,
  createCommentSchema,
  deleteCommentSchema,
  editCommentSchema,
  setStanceSchema,
  toggleReactionSchema,
  typingSchema,
  type TypingInput,
} from "../posts/schemas";
import type { PostChange, ThreadChange } from "../posts/types";
import type { RateLimits } from "../rate-limit/token-bucket";
import { setStance, toggleReaction, type ReactionResult } from "../reactions/react";
import type { ReactionAck } from "./discussion-events";
import { threadRoom } from "./events";
import { onEvent, type AgoraSocket } from "./handler";
import type { RealtimeServer } from "./server";

declare module "socket.io" {
  interface SocketData {
    /** Where this socket's member is typing, to say they stopped if the socket goes away. */
    typing?: Map<string, TypingInput & { user: { id: string; name: string } }>;
  }
}

export interface PostHandlerDeps {
  db: () => Database;
  limits: RateLimits;
}

const typingKey = (input: TypingInput) => `${input.threadId}:${input.takeawayId ?? "general"}`;

/**
 * Comments, reactions, catch-up and typing over the socket. Each event: validate (onEvent),
 * load the member fresh, rate-limit, call one lib function (which authorizes and commits),
 * acknowledge, then broadcast the committed change to the thread's room with its seq.
 */
export function registerPostHandlers(io: RealtimeServer, socket: AgoraSocket, deps: PostHandlerDeps) {
  const member = () => loadActor(deps.db(), socket.data.userId);

  const broadcast = (change: ThreadChange | null) => {
    if (!change) return;
    if (change.type === "reactions:updated") {
      io.to(threadRoom(change.threadId)).emit("reactions:updated", change);
    } else {
      io.to(threadRoom(change.post.threadId)).emit(change.type, change);
    }
  };

  const stopTyping = (input: TypingInput) => {
    const entry = socket.data.typing?.get(typingKey(input));
    if (!entry) return;
    socket.data.typing?.delete(typingKey(input));
    socket.to(threadRoom(entry.threadId)).emit("typing:updated", { ...entry, typing: false });
  };

  const reactionAck = (result: ReactionResult): ReactionAck => {
    broadcast(result.change);
    return { postId: result.postId, reactions: result.reactions, mine: result.mine };
  };

  onEvent(socket, "post:create", createCommentSchema, async (input) => {
    // The member is reloaded and authorized in the transaction that writes the comment.
    const author = socket.data.userId ? { id: socket.data.userId } : null;
    const { post, change } = await createComment(deps.db(), author, input, {
      admit: (author) => deps.limits.comment.takeOrThrow(author.id),
    });
    stopTyping({ threadId: input.threadId, takeawayId: post.takeawayId });
    broadcast(change);
    return post;
  });

  const edit = async (write: () => Promise<{ post: PostChange["post"]; change: PostChange | null }>) => {
    const { post, change } = await write();
    broadcast(change);
    return post;
  };
  onEvent(socket, "post:edit", editCommentSchema, async (input) => {
    const actor = await member();
    if (actor) deps.limits.edit.takeOrThrow(actor.id);
    return edit(() => editComment(deps.db(), actor, input));
  });
  onEvent(socket, "post:delete", deleteCommentSchema, async (input) => {
    const actor = await member();
    if (actor) deps.limits.edit.takeOrThrow(actor.id);
    return edit(() => deleteComment(deps.db(), actor, input));
  });

  onEvent(socket, "reaction:toggle", toggleReactionSchema, async (input) => {
    const actor = await member();
    if (actor) deps.limits.reaction.takeOrThrow(actor.id);
    return reactionAck(await toggleReaction(deps.db(), actor, input));
  });
  onEvent(socket, "stance:set", setStanceSchema, async (input) => {
    const actor = await member();
    if (actor) deps.limits.reaction.takeOrThrow(actor.id);
    return reactionAck(await setStance(deps.db(), actor, input));
  });

  onEvent(socket, "thread:catch-up", catchUpSchema, async (input) => {
    deps.limits.catchUp.takeOrThrow(socket.data.userId ?? `socket:${socket.id}`);
    return catchUp(deps.db(), input);
  });

  onEvent(socket, "typing:start", typingSchema, async (input) => {
    const actor = assertActorCan(await member(), "post:create");
    deps.limits.typing.takeOrThrow(actor.id);
    const room = threadRoom(input.threadId);
    if (!socket.rooms.has(room)) {
      throw new AppError("bad_request:not_joined", "Rejoignez d’abord la discussion (thread:join).");
    }
    const entry = { ...input, user: { id: actor.id, name: actor.name } };
    (socket.data.typing ??= new Map()).set(typingKey(input), entry);
    socket.to(room).emit("typing:updated", { ...entry, typing: true });
    return null;
  });
  onEvent(socket, "typing:stop", typingSchema, (input) => {
    stopTyping(input);
    return null;
  });
  socket.on("disconnecting", () => {
    for (const entry of socket.data.typing?.values() ?? []) stopTyping(entry);
  });
}
