import { parseArgs } from "node:util";
import { z } from "zod";
import { closeDatabase, getDatabase } from "../../db/client";
import { getEnv } from "../env";
import { isAppError } from "../errors";
import { createUserWithPassword } from "./create-user";

const usage = `Usage: npm run user:create -- --email EMAIL --name NAME [--role member|moderator|admin]

The password is read from AGORA_USER_PASSWORD, or asked for (twice, hidden) on a terminal, or read
from the first line of standard input: never from the command line, where other users and the
shell history could see it.`;

const argsSchema = z.object({
  email: z.string({ error: "--email is required" }),
  name: z.string({ error: "--name is required" }),
  role: z
    .enum(["member", "moderator", "admin"], { error: "--role must be member, moderator or admin" })
    .default("member"),
});

function readHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const { stdin, stdout } = process;
    stdout.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    let value = "";
    const finish = (result: string | null) => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      stdout.write("\n");
      if (result === null) reject(new Error("Cancelled."));
      else resolve(result);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n" || char === "\u0004") return finish(value);
        if (char === "\u0003") return finish(null);
        if (char === "\u007f" || char === "\b") value = [...value].slice(0, -1).join("");
        else value += char;
      }
    };
    stdin.on("data", onData);
  });
}

async function readFirstLine(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes("\n")) break;
  }
  return text.split(/\r?\n/)[0] ?? "";
}

async function readPassword(): Promise<string> {
  const fromEnv = getEnv().AGORA_USER_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) return readFirstLine();
  const first = await readHidden("Password: ");
  const second = await readHidden("Password again: ");
  if (first !== second) throw new Error("The two passwords differ.");
  return first;
}

async function main(argv: string[]): Promise<number> {
  let args: z.infer<typeof argsSchema>;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        email: { type: "string" },
        name: { type: "string" },
        role: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      console.log(usage);
      return 0;
    }
    args = argsSchema.parse(values);
  } catch (error) {
    const message =
      error instanceof z.ZodError
        ? error.issues.map((issue) => issue.message).join("; ")
        : (error as Error).message;
    console.error(`${message}\n\n${usage}`);
    return 2;
  }

  const password = await readPassword();
  const connection = getDatabase();
  await connection.migrate();
  try {
    const user = await createUserWithPassword(connection.db, { ...args, password }, args.role);
    console.log(`Created ${user.role} ${user.name} <${user.email}> (id ${user.id}).`);
    return 0;
  } catch (error) {
    if (!isAppError(error)) throw error;
    const fields = (error.details?.fields ?? {}) as Record<string, string[]>;
    const lines = Object.entries(fields).flatMap(([field, messages]) =>
      messages.map((message) => `  ${field}: ${message}`),
    );
    console.error([error.message, ...lines].join("\n"));
    return 1;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(isAppError(error) ? error.message : error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await closeDatabase().catch(() => {});
}
