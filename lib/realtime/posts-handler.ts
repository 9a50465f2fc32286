import type { Database } from "../../db/client";
import { loadActor } from "../auth/actor";
import { AppError } from "../errors";
import { assertActorCan } from "../posts/access";
import { catchUp } from "../posts/catch-up";
import { admitComment } from "../posts/comment-admission";
import { chargePersistedBudget } from "../rate-limit/persisted-budget";
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
import type { RateLimiter, RateLimits } from "../rate-limit/token-bucket";
import { setStance, toggleReaction, type ReactionResult } from "../reactions/react";
import type { ReactionAck } from "./discussion-events";
import { threadRoom } from "./events";
import type { AgoraSocket, EventRouter } from "./handler";
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
 * Comments, reactions, catch-up and typing over the socket. Each event: validate (the router),
 * load the member fresh, rate-limit, call one lib function (which authorizes and commits),
 * acknowledge, then broadcast the committed change to the thread's room with its seq.
 */
export function routePostEvents(router: EventRouter, io: RealtimeServer, deps: PostHandlerDeps) {
  const member = (socket: AgoraSocket) => loadActor(deps.db(), socket.data.userId);
  const charge = async (limiter: RateLimiter, memberId: string) => {
    limiter.takeOrThrow(memberId);
    await chargePersistedBudget(deps.db(), limiter, memberId);
  };

  const broadcast = (change: ThreadChange | null) => {
    if (!change) return;
    if (change.type === "reactions:updated") {
      io.to(threadRoom(change.threadId)).emit("reactions:updated", change);
    } else {
      io.to(threadRoom(change.post.threadId)).emit(change.type, change);
    }
  };

  const reactionAck = (result: ReactionResult): ReactionAck => {
    broadcast(result.change);
    return { postId: result.postId, reactions: result.reactions, mine: result.mine };
  };

  router.on("post:create", createCommentSchema, async (socket, input) => {
    // The member is reloaded and authorized in the transaction that writes the comment.
    const author = socket.data.userId ? { id: socket.data.userId } : null;
    const { post, change } = await createComment(deps.db(), author, input, {
      admit: admitComment(deps.limits.comment),
    });
    stopTyping(socket, { threadId: input.threadId, takeawayId: post.takeawayId });
    broadcast(change);
    return post;
  });

  const edit = async (write: () => Promise<{ post: PostChange["post"]; change: PostChange | null }>) => {
    const { post, change } = await write();
    broadcast(change);
    return post;
  };
  router.on("post:edit", editCommentSchema, async (socket, input) => {
    const actor = await member(socket);
    if (actor) await charge(deps.limits.edit, actor.id);
    return edit(() => editComment(deps.db(), actor, input));
  });
  router.on("post:delete", deleteCommentSchema, async (socket, input) => {
    const actor = await member(socket);
    if (actor) await charge(deps.limits.edit, actor.id);
    return edit(() => deleteComment(deps.db(), actor, input));
  });

  router.on("reaction:toggle", toggleReactionSchema, async (socket, input) => {
    const actor = await member(socket);
    if (actor) await charge(deps.limits.reaction, actor.id);
    return reactionAck(await toggleReaction(deps.db(), actor, input));
  });
  router.on("stance:set", setStanceSchema, async (socket, input) => {
    const actor = await member(socket);
    if (actor) await charge(deps.limits.reaction, actor.id);
    return reactionAck(await setStance(deps.db(), actor, input));
  });

  router.on("thread:catch-up", catchUpSchema, async (socket, input) => {
    deps.limits.catchUp.takeOrThrow(socket.data.userId ?? `socket:${socket.id}`);
    return catchUp(deps.db(), input);
  });

  router.on("typing:start", typingSchema, async (socket, input) => {
    const actor = assertActorCan(await member(socket), "post:create");
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
  router.on("typing:stop", typingSchema, (socket, input) => {
    stopTyping(socket, input);
    return null;
  });
}

function stopTyping(socket: AgoraSocket, input: TypingInput) {
  const entry = socket.data.typing?.get(typingKey(input));
  if (!entry) return;
  socket.data.typing?.delete(typingKey(input));
  socket.to(threadRoom(entry.threadId)).emit("typing:updated", { ...entry, typing: false });
}

/** A member whose socket goes away stops typing everywhere. */
export function stopTypingOnDisconnect(socket: AgoraSocket) {
  for (const entry of socket.data.typing?.values() ?? []) stopTyping(socket, entry);
}
