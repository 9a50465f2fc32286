import { fr } from "zod/locales";

/**
 * zod's own messages (wrong type, unknown key, out of range…) in French, for boundaries that
 * answer with them. Messages a schema sets itself still win; without this a member reads
 * « Invalid input: expected string, received undefined ».
 */
export const frenchIssues = fr().localeError;
