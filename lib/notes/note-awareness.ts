import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { z } from "zod";
import { AppError } from "../errors";

/** Who an editor is, as the server knows it; written over whatever the client claimed. */
export interface NoteIdentity {
  id: string;
  name: string;
  color: string;
}

const maxEntries = 8;
const maxStateBytes = 4096;

const unreadable = (cause?: unknown) =>
  new AppError("bad_request:note_awareness", "Ce message de présence est illisible.", { cause });

/**
 * Re-encodes a y-protocols awareness update from one socket: only the client ids that socket
 * controls (the first socket to use an id keeps it), with `user` set to the server's
 * identity and nothing but the caret kept from the client's state.
 */
export function sanitizeAwarenessUpdate(
  update: Uint8Array,
  sender: { socketId: string; identity: NoteIdentity; owners: Map<number, string> },
): { update: Uint8Array; clientIds: number[] } | null {
  const entries: { clientId: number; clock: number; state: unknown }[] = [];
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > maxEntries) throw unreadable();
    for (let index = 0; index < count; index += 1) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (json.length > maxStateBytes) throw unreadable();
      entries.push({ clientId, clock, state: JSON.parse(json) as unknown });
    }
  } catch (error) {
    throw error instanceof AppError ? error : unreadable(error);
  }

  const encoder = encoding.createEncoder();
  const accepted = entries.filter(({ clientId }) => {
    const owner = sender.owners.get(clientId);
    if (owner !== undefined && owner !== sender.socketId) return false;
    sender.owners.set(clientId, sender.socketId);
    return true;
  });
  if (accepted.length === 0) return null;
  encoding.writeVarUint(encoder, accepted.length);
  for (const { clientId, clock, state } of accepted) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(sanitizeState(state, sender.identity)));
  }
  return { update: encoding.toUint8Array(encoder), clientIds: accepted.map(({ clientId }) => clientId) };
}

/** A Yjs item id, as `Y.relativePositionToJSON` writes it. */
const itemId = z.strictObject({
  client: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  clock: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

const relativePosition = z.strictObject({
  type: itemId.nullable().optional(),
  tname: z.string().max(200).nullable().optional(),
  item: itemId.nullable().optional(),
  assoc: z.number().int().min(-1).max(1).optional(),
});

/**
 * The caret as the ProseMirror binding shares it. Readers' browsers turn it into positions in
 * their document, and a malformed one throws there: anything else is dropped here.
 */
const cursorSchema = z.strictObject({ anchor: relativePosition, head: relativePosition });

function sanitizeState(state: unknown, identity: NoteIdentity): unknown {
  if (state === null || typeof state !== "object" || Array.isArray(state)) return null;
  const cursor = cursorSchema.safeParse((state as { cursor?: unknown }).cursor);
  return {
    user: { id: identity.id, name: identity.name, color: identity.color },
    cursor: cursor.success ? cursor.data : null,
  };
}
