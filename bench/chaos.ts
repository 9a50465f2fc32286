import { z } from "zod";
import { openDatabase } from "../db/client";
import { createTestDatabase } from "../db/testing";
import { percentile } from "./chaos/checks";
import { fullChaosOptions, runChaos, smokeChaosOptions, type ChaosResult } from "./chaos/run-chaos";
import { machineInfo } from "./lib/machine";
import { buildForProduction, productionBuildState } from "./lib/production-server";
import { appendRun, renderRun, renderSection, type BenchSection } from "./lib/report";

/**
 * `npm run chaos`: the fault-injection suite (bench/README.md). Members comment and co-edit on
 * two production instances while servers are killed, connections cut and the network to the
 * database resets and stalls; then every invariant is checked. `--smoke` is the bounded run CI
 * makes (under two minutes); the full run appends its figures to BENCHMARKS.md. Exits 1 when an
 * invariant fails.
 */
const argsSchema = z.array(
  z.enum(["--smoke"], { error: "Option inconnue\u202f: seul --smoke est accepté." }),
);
const envSchema = z.object({
  DATABASE_URL: z.url({
    error:
      "npm run chaos a besoin d’un serveur PostgreSQL (DATABASE_URL)\u202f: deux instances le partagent.",
  }),
});

const seconds = (ms: number | null) => (ms === null ? "—" : `${(ms / 1000).toFixed(1)} s`);

function verdicts(result: ChaosResult): string[] {
  const { comments, edits, recoveries } = result;
  const failures: string[] = [];
  if (comments.acknowledged !== comments.sent)
    failures.push(`${comments.sent - comments.acknowledged} comments never acknowledged`);
  if (comments.lost) failures.push(`${comments.lost} acknowledged comments lost`);
  if (comments.duplicated) failures.push(`${comments.duplicated} comments stored twice`);
  if (comments.viewsMatching !== comments.views)
    failures.push(
      `${comments.views - comments.viewsMatching} members see another discussion than the database`,
    );
  if (comments.crossed !== comments.shouldCross)
    failures.push(`${comments.shouldCross - comments.crossed} deliveries between instances missing`);
  if (edits.lostAfterRestart || edits.lostInDatabase)
    failures.push(
      `acknowledged edits lost: ${edits.lostAfterRestart} after restart, ${edits.lostInDatabase} in the database`,
    );
  if (!edits.editorsConverged || !edits.freshLoadEqualsEditors)
    failures.push("the synthesis differs between editors or from a fresh load");
  const unexpected = result.rogue.answers.get("internal:unexpected") ?? 0;
  if (unexpected)
    failures.push(`${unexpected} malformed events answered « internal:unexpected » instead of a clear error`);
  if (recoveries.some((recovery) => recovery === null))
    failures.push("after some fault, nothing crossed between instances again before the next");
  return failures;
}

function section(result: ChaosResult, failures: string[]): BenchSection {
  const { comments, edits, faults, recoveries, options } = result;
  const kinds = [...new Set(faults.map((fault) => fault.kind))];
  return {
    title: "Chaos: two instances under faults",
    tables: [
      {
        caption: `${options.members} members on ${options.threads} threads (a comment every ~${options.commentEveryMs / 1000} s each), ${options.editors} co-editing one synthesis (an edit every 40–120 ms), ${options.durationMs / 1000} s, a fault every ${options.faultEveryMs / 1000} s`,
        headers: ["fault", "times", "lasted (max)", "cross-instance delivery again after (median)", "(max)"],
        rows: kinds.map((kind) => {
          const of = faults
            .map((fault, index) => ({ fault, recovery: recoveries[index] ?? null }))
            .filter((entry) => entry.fault.kind === kind);
          const recovered = of
            .map((entry) => entry.recovery)
            .filter((value): value is number => value !== null);
          return [
            kind,
            of.length,
            seconds(Math.max(...of.map((entry) => entry.fault.endedAt - entry.fault.at))),
            seconds(recovered.length ? percentile(recovered, 50) : null),
            recovered.length === of.length ? seconds(Math.max(...recovered)) : "never",
          ];
        }),
      },
      {
        headers: [
          "comments sent",
          "acknowledged",
          "stored",
          "lost",
          "duplicated",
          "views equal to the database",
          "deliveries across instances",
        ],
        rows: [
          [
            comments.sent,
            comments.acknowledged,
            comments.stored,
            comments.lost,
            comments.duplicated,
            `${comments.viewsMatching}/${comments.views}`,
            `${comments.crossed}/${comments.shouldCross}`,
          ],
        ],
      },
      {
        headers: [
          "edits typed",
          "acknowledged",
          "lost after restart",
          "lost in the database",
          "editors converged",
          "fresh load equals editors",
        ],
        rows: [
          [
            edits.typed,
            edits.acknowledged,
            edits.lostAfterRestart,
            edits.lostInDatabase,
            edits.editorsConverged ? "yes" : "no",
            edits.freshLoadEqualsEditors ? "yes" : "no",
          ],
        ],
      },
    ],
    notes: [
      `Cross-instance delivery, acknowledgement to arrival: p50 ${seconds(percentile(result.crossDelays, 50))}, p99 ${seconds(percentile(result.crossDelays, 99))}, max ${seconds(Math.max(0, ...result.crossDelays))} (over a fault, arrivals come by catch-up).`,
      `Two rogue clients (one per instance) sent ${result.rogue.sent} malformed events meanwhile; answers: ${[
        ...result.rogue.answers,
      ]
        .sort((a, b) => b[1] - a[1])
        .map(([code, count]) => `${code} ${count}`)
        .join(", ")} (half were sent without an ack: those that fail come back as app:error).`,
      `Everything drained ${seconds(result.drainMs)} after writing stopped. The instances logged ${result.log.lines} lines in all, start-ups included (${(result.log.lines / Math.max(1, faults.length)).toFixed(1)} per fault), ${result.log.sqlLines} of them SQL text (${result.log.files.join(", ")}).`,
      failures.length ? `FAILED: ${failures.join("; ")}.` : "Every invariant held.",
    ],
  };
}

async function main() {
  const args = argsSchema.safeParse(process.argv.slice(2));
  if (!args.success) throw new Error(args.error.issues.map((issue) => issue.message).join(" "));
  const smoke = args.data.includes("--smoke");
  const env = envSchema.safeParse(process.env);
  if (!env.success) throw new Error(env.error.issues.map((issue) => issue.message).join(" "));
  const machine = smoke ? null : await machineInfo(env.data.DATABASE_URL);
  const build = productionBuildState();
  if (!build.current) {
    console.log(`Building for production (${build.detail}).`);
    await buildForProduction();
  }
  const scratch = await createTestDatabase();
  // Agora's own pool size for the checks; the scratch connection of tests has 5.
  const connection = openDatabase({ url: scratch.url! });
  try {
    const result = await runChaos(
      { db: connection.db, url: scratch.url!, adminUrl: env.data.DATABASE_URL },
      smoke ? smokeChaosOptions : fullChaosOptions,
      (line) => console.log(line),
    );
    const failures = verdicts(result);
    const report = section(result, failures);
    console.log(`\n${renderSection(report)}`);
    if (failures.length) process.exitCode = 1;
    if (machine) {
      appendRun("BENCHMARKS.md", renderRun(machine, "npm run chaos", [report]));
      console.log("Appended to BENCHMARKS.md.");
    }
  } finally {
    await connection.close();
    await scratch.close();
  }
}

main()
  .then(() => process.exit(process.exitCode ?? 0))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
