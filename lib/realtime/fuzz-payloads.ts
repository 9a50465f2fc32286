import fc from "fast-check";

/**
 * Test support for lib/realtime/fuzz.int.test.ts: what a hostile or broken client can put in an
 * event. Generators know field names, not events, so events added later are fuzzed with no
 * change here; ids mix real rows (to reach past validation) with random UUIDs.
 */
export interface KnownIds {
  threadIds: string[];
  postIds: string[];
  noteIds: string[];
  userIds: string[];
}

const uuid = fc.uuid({ version: [4] });
const real = (ids: string[]) => (ids.length ? fc.constantFrom(...ids) : uuid);
const idOf = (ids: string[]) => fc.oneof({ weight: 3, arbitrary: real(ids) }, { weight: 1, arbitrary: uuid });

/** Strings that have broken parsers, databases and renderers before. */
const nastyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.constantFrom(
    "\u0000",
    "avant\u0000après",
    "\u202Eenilno\u202C",
    "\u200B\u200D\uFEFF",
    "\uD800",
    "\uDFFF seul",
    "'; drop table posts; --",
    "<script>window.__xss=1</script>",
    "{{constructor.constructor('return 1')()}}",
    "$$ $& $'",
    "__proto__",
    "%s%n%x",
    "../../etc/passwd",
    " ",
    "",
  ),
);

/** Large but under Socket.IO's maxHttpBufferSize (1 MB), which would close the connection. */
const hugeString = fc
  .tuple(fc.integer({ min: 10_000, max: 300_000 }), fc.constantFrom("a", "é", "\u0000", "😀", "<b>"))
  .map(([length, unit]) => unit.repeat(Math.floor(length / unit.length)));

function nested(depth: number, array: boolean): unknown {
  let value: unknown = "fond";
  for (let i = 0; i < depth; i++) value = array ? [value] : { a: value };
  // fast-check would recurse as deep to print a counterexample; the wire never sees symbol keys.
  Object.defineProperty(value, fc.toStringMethod, {
    value: () => `nested(${depth}, ${array ? "[]" : "{}"})`,
  });
  return value;
}
const deepNesting = fc
  .tuple(fc.integer({ min: 100, max: 3_000 }), fc.boolean())
  .map(([depth, array]) => nested(depth, array));

const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

const garbageBytes = fc.uint8Array({ maxLength: 4_096 });
/** y-protocols frames (sync step 1, step 2, update; awareness) with a garbage body. */
const yjsLikeBytes = fc
  .tuple(fc.constantFrom(0, 1, 2, 3, 255), fc.constantFrom(0, 1, 2, 7), garbageBytes)
  .map(([type, step, body]) => Uint8Array.from([type, step, ...body]));
const binary = fc.oneof(garbageBytes, yjsLikeBytes, fc.constant(new Uint8Array(0)));

/** A value for a field: usually plausible, sometimes hostile or of the wrong type. */
function field(plausible: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: plausible },
    { weight: 1, arbitrary: nastyString },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

const text = fc.oneof(fc.lorem({ maxCount: 8 }), nastyString, hugeString);

/** Every field name the events take today (see note-events.ts, lib/posts and lib/moderation schemas). */
function fields(ids: KnownIds): Record<string, fc.Arbitrary<unknown>> {
  return {
    threadId: field(idOf(ids.threadIds)),
    noteId: field(idOf(ids.noteIds)),
    postId: field(idOf(ids.postIds)),
    parentId: field(idOf(ids.postIds)),
    takeawayId: field(fc.oneof(idOf(ids.postIds), fc.constant(null))),
    versionId: field(uuid),
    userId: field(real(ids.userIds)),
    clientId: field(fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/)),
    body: field(text),
    text: field(text),
    title: field(text),
    intro: field(text),
    name: field(text),
    reason: field(fc.oneof(text, fc.constantFrom("spam", "abuse", "off_topic", "other"))),
    outcome: field(fc.constantFrom("hide", "keep", "suspend")),
    tags: field(fc.array(text, { maxLength: 10 })),
    emoji: field(fc.constantFrom("👍", "❤️", "😂", "🤔", "x")),
    stance: field(fc.constantFrom("agree", "disagree", "nuance", null)),
    afterSeq: field(fc.integer({ min: -5, max: 1_000_000 })),
    limit: field(fc.integer({ min: -1, max: 100 })),
    days: field(fc.oneof(fc.integer({ min: -1, max: 4_000 }), fc.constant(null))),
    suspendDays: field(fc.oneof(fc.integer({ min: -1, max: 4_000 }), fc.constant(null))),
    locked: field(fc.boolean()),
    typing: field(fc.boolean()),
    message: field(binary),
    update: field(binary),
    before: field(fc.record({ createdAt: fc.date({ noInvalidDate: true }).map(String), id: uuid })),
  };
}

/** Keys that have polluted prototypes elsewhere; JSON.parse makes them own properties, as on the wire. */
const pollution = fc.constantFrom(
  JSON.parse('{"__proto__":{"polluted":"oui","role":"admin"}}') as object,
  JSON.parse('{"constructor":{"prototype":{"polluted":"oui"}}}') as object,
  JSON.parse('{"prototype":{"polluted":"oui"},"toString":"x","hasOwnProperty":1}') as object,
);

/** One payload, of any kind a client can send. */
export function payloadArbitrary(ids: KnownIds): fc.Arbitrary<unknown> {
  const shaped = fc.record(fields(ids), { requiredKeys: [] });
  return fc.oneof(
    { weight: 6, arbitrary: shaped },
    {
      weight: 1,
      arbitrary: fc.tuple(shaped, pollution).map(([payload, keys]) => ({ ...payload, ...keys })),
    },
    {
      weight: 2,
      arbitrary: fc.anything({
        maxDepth: 3,
        withTypedArray: true,
        withNullPrototype: true,
        withObjectString: true,
      }),
    },
    { weight: 1, arbitrary: deepNesting },
    { weight: 1, arbitrary: hugeString },
    { weight: 1, arbitrary: binary },
    { weight: 1, arbitrary: wrongType },
  );
}

/** What a client sends besides the payload: an ack callback or none, and sometimes extra arguments. */
export const callShape = fc.record({
  withAck: fc.boolean(),
  extraArgs: fc.array(fc.oneof(wrongType, nastyString), { maxLength: 2 }),
});
