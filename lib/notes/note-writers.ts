/** Who the presence line names as writing. Client-safe. */
export interface NoteWriter {
  clientId: number;
  id: string;
  name: string;
  color: string;
}

/** How long after their caret last moved someone still counts as writing. */
export const writingWindowMs = 15_000;

/**
 * Members whose caret is in the note and moved within `writingWindowMs` (having the note open
 * only repeats one's state, which does not count), one entry per member however many tabs they
 * have open, never oneself, sorted by name.
 */
export function activeWriters(input: {
  states: Map<number, Record<string, unknown>>;
  lastActivity: Map<number, number>;
  self: { clientId: number; id: string | null };
  now: number;
}): NoteWriter[] {
  const writers = new Map<string, NoteWriter>();
  for (const [clientId, state] of input.states) {
    const { user, cursor } = state as { user?: Partial<NoteWriter>; cursor?: unknown };
    if (!user?.id || !user.name || user.id === input.self.id || clientId === input.self.clientId) continue;
    if (!cursor || input.now - (input.lastActivity.get(clientId) ?? -Infinity) > writingWindowMs) continue;
    if (writers.has(user.id)) continue;
    writers.set(user.id, { clientId, id: user.id, name: user.name, color: user.color ?? "#5b616b" });
  }
  return [...writers.values()].sort((a, b) => a.name.localeCompare(b.name, "fr"));
}
