import { z } from "zod";
import { passwordProblems } from "../auth/password-rules";

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

export const displayNameSchema = z
  .string({ error: "Indiquez un nom." })
  .trim()
  .min(2, "Le nom doit faire au moins 2 caractères.")
  .max(50, "Le nom doit faire au plus 50 caractères.")
  .refine((name) => !/[<>]/.test(name), "Le nom ne peut pas contenir < ou >.");

export const signUpSchema = z
  .object({
    name: displayNameSchema,
    email: emailSchema,
    password: z.string({ error: "Choisissez un mot de passe." }),
  })
  .superRefine((input, context) => {
    for (const message of passwordProblems(input.password, input)) {
      context.addIssue({ code: "custom", path: ["password"], message });
    }
  });
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
