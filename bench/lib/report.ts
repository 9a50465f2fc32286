import { appendFileSync, existsSync, writeFileSync } from "node:fs";
import type { MachineInfo } from "./machine";

export interface Table {
  caption?: string;
  headers: string[];
  rows: (string | number)[][];
}

/** What one benchmark reports: its tables, and sentences on where each aim stands. */
export interface BenchSection {
  title: string;
  tables: Table[];
  notes: string[];
  /** Time spent preparing outside the benchmark proper (a production build), not counted in its run time. */
  setupMs?: number;
}

export function markdownTable(table: Table): string {
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(" | ")} |`;
  return [
    ...(table.caption ? [`_${table.caption}_`, ""] : []),
    line(table.headers),
    line(table.headers.map(() => "---")),
    ...table.rows.map(line),
  ].join("\n");
}

export function renderSection(section: BenchSection): string {
  return [
    `### ${section.title}`,
    "",
    ...section.tables.flatMap((table) => [markdownTable(table), ""]),
    ...section.notes.map((note) => `- ${note}`),
    "",
  ].join("\n");
}

export function renderRun(machine: MachineInfo, command: string, sections: BenchSection[]): string {
  return [
    `## Run of ${machine.date.slice(0, 16).replace("T", " ")} UTC, commit ${machine.commit}`,
    "",
    `Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, ` +
      `PostgreSQL ${machine.postgres}, PGlite ${machine.pglite}. Command: \`${command}\`.`,
    "",
    ...sections.map(renderSection),
  ].join("\n");
}

const header = `# Benchmarks

Each run below was appended by \`npm run bench\` (see bench/README.md for what each benchmark
does and how to reproduce it). Figures are ratios to a bare baseline measured in the same run:
absolute times on a shared 2-core machine drift, ratios much less.

`;

export function appendRun(file: string, markdown: string): void {
  if (!existsSync(file)) writeFileSync(file, header);
  appendFileSync(file, `\n${markdown}`);
}
