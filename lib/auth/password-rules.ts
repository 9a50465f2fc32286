/** Shown beside the password field and used to check it, on the server and in the browser. */
export const passwordRules = [
  { id: "length", label: "au moins 10 caractères", test: (password: string) => [...password].length >= 10 },
  {
    id: "mix",
    label: "des lettres et au moins un chiffre ou un symbole",
    test: (password: string) => /\p{L}/u.test(password) && /[^\p{L}\s]/u.test(password),
  },
  { id: "max", label: "au plus 128 caractères", test: (password: string) => [...password].length <= 128 },
] as const;

const common = new Set([
  "motdepasse1",
  "motdepasse123",
  "password1",
  "password123",
  "azerty1234",
  "azertyuiop1",
  "qwerty1234",
  "1234567890a",
  "bonjour1234",
  "soleil12345",
  "agora12345",
]);

/** The rules a password breaks, as French sentences; empty when it is acceptable. */
export function passwordProblems(
  password: string,
  context: { email?: string; name?: string } = {},
): string[] {
  const problems: string[] = passwordRules
    .filter((rule) => !rule.test(password))
    .map((rule) => `Il faut ${rule.label}.`);
  const lowered = password.toLowerCase();
  if (common.has(lowered)) problems.push("Ce mot de passe est trop courant.");
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lowered.includes(local)) {
    problems.push("Le mot de passe ne doit pas contenir votre adresse e-mail.");
  }
  return problems;
}
