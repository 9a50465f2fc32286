import { eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { users, type UserRole } from "../../db/schema/users";
import { hashPassword } from "../auth/passwords";
import { frenchIssues } from "../french-issues";
import { AppError } from "../errors";
import { fieldErrorsOf, signUpSchema, staffSignUpSchema } from "./sign-up-schema";

export interface CreatedUser {
  id: string;
  name: string;
  email: string;
  role: UserRole;
}

export async function findUserByEmail(db: Database, email: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase()))
    .limit(1);
  return user;
}

const emailTaken = () =>
  new AppError("conflict:email", "Un compte existe déjà avec cette adresse e-mail.", {
    details: { fields: { email: ["Un compte existe déjà avec cette adresse e-mail."] } },
  });

/**
 * Creates an account with a password (sign-up and the user:create CLI). Input is validated
 * here so every caller gets the same rules; field errors travel in `details.fields`.
 */
export async function createUserWithPassword(
  db: Database,
  input: unknown,
  role: Exclude<UserRole, "system"> = "member",
): Promise<CreatedUser> {
  const parsed = (role === "member" ? signUpSchema : staffSignUpSchema).safeParse(input, {
    error: frenchIssues,
  });
  if (!parsed.success) {
    throw new AppError("bad_request:sign_up", "Certains champs sont à corriger.", {
      details: { fields: fieldErrorsOf(parsed.error) },
    });
  }
  const { name, email, password } = parsed.data;
  if (await findUserByEmail(db, email)) throw emailTaken();
  const passwordHash = await hashPassword(password);
  try {
    const [user] = await db
      .insert(users)
      .values({ name, email, passwordHash, role })
      .returning({ id: users.id, name: users.name, email: users.email, role: users.role });
    if (!user) throw new Error("INSERT … RETURNING gave no row");
    return user;
  } catch (error) {
    // Two sign-ups racing for one address: the unique index decides.
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: string }).code === "23505") return true;
  }
  return false;
}
