import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";

/**
 * y-protocols sync messages (a varuint type, then one varuint8array: a state vector for step
 * 1, an update for step 2 and updates), as both ends of Agora's note events carry them.
 * Client-safe.
 */
export const { messageYjsSyncStep1, messageYjsSyncStep2, messageYjsUpdate } = syncProtocol;

export function syncMessage(type: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** Throws on a truncated or malformed message. */
export function readSyncMessage(message: Uint8Array): { type: number; payload: Uint8Array } {
  const decoder = decoding.createDecoder(message);
  return { type: decoding.readVarUint(decoder), payload: decoding.readVarUint8Array(decoder) };
}

/** Node hands binary over as a Buffer (a Uint8Array), browsers as an ArrayBuffer. */
export function toBytes(value: Uint8Array | ArrayBuffer): Uint8Array {
  return value instanceof Uint8Array ? value : new Uint8Array(value);
}
