import { z } from "zod";
import { passwordProblems } from "../auth/password-rules";
import { displayNameSchema, staffDisplayNameSchema } from "./display-name";

// Client-safe: the sign-up form checks the same rules as the server before sending.

export const emailSchema = z
  .string({ error: "Indiquez votre adresse e-mail." })
  .trim()
  .toLowerCase()
  .pipe(
    z
      .email({ error: "Cette adresse e-mail n’est pas valide." })
      .max(254, "Cette adresse e-mail est trop longue."),
  );

function signUpSchemaWith(name: typeof staffDisplayNameSchema) {
  return z
    .object({
      name,
      email: emailSchema,
      password: z.string({ error: "Choisissez un mot de passe." }),
    })
    .superRefine((input, context) => {
      for (const message of passwordProblems(input.password, input)) {
        context.addIssue({ code: "custom", path: ["password"], message });
      }
    });
}

export const signUpSchema = signUpSchemaWith(displayNameSchema);
/** For moderators and admins created from the command line, whose name may say their role. */
export const staffSignUpSchema = signUpSchemaWith(staffDisplayNameSchema);
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Indiquez votre mot de passe.").max(1024),
});
export type SignInInput = z.infer<typeof signInSchema>;

export type FieldErrors = Partial<Record<"name" | "email" | "password" | "form", string[]>>;

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = (issue.path[0] ?? "form") as keyof FieldErrors;
    (errors[field] ??= []).push(issue.message);
  }
  return errors;
}
