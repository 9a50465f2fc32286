import { z } from "zod";
import { AppError } from "../errors";

/**
 * "Load more" cursors: the seq of the last item shown. Seqs are unique per thread and follow
 * commit order, so `seq > cursor` resumes exactly where the page stopped, whatever was
 * written meanwhile, at the cost of an index seek. Opaque to clients (base64url JSON).
 */
const cursorSchema = z.object({ seq: z.number().int().min(0) });

export function encodeSeqCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ seq })).toString("base64url");
}

export function decodeSeqCursor(raw: string | null | undefined): number {
  if (raw === null || raw === undefined || raw === "") return 0;
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8"))).seq;
  } catch (error) {
    throw new AppError("bad_request:cursor", "Ce lien «\u00a0voir plus\u00a0» n’est plus valide.", {
      cause: error,
    });
  }
}
