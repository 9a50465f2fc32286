import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { AuthOptions } from "next-auth";
import type { Adapter, AdapterUser } from "next-auth/adapters";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { getDb } from "../../db/client";
import { accounts, sessions, verificationTokens } from "../../db/schema/auth";
import { users } from "../../db/schema/users";
import { getEnv } from "../env";
import { isAppError } from "../errors";
import { findUserByEmail } from "../users/create-user";
import { displayNameSchema } from "../users/display-name";
import { authorizeCredentials, invalidCredentialsMessage } from "./credentials";
import { clientIp } from "./client-ip";
import { getAuthSecret } from "./secret";
import { secureCookiesEnabled } from "./session-cookie";
import { sessionMaxAgeSeconds, sessionRenewalSeconds, startMemberSession } from "./member-sessions";
import { signOutSession } from "./sign-out";

export interface OAuthProviderInfo {
  id: "github" | "google";
  name: string;
}

/** OAuth providers switched on by their environment variables; absent variables, absent button. */
export function enabledOAuthProviders(): OAuthProviderInfo[] {
  const env = getEnv();
  const enabled: OAuthProviderInfo[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) enabled.push({ id: "github", name: "GitHub" });
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) enabled.push({ id: "google", name: "Google" });
  return enabled;
}

function createAdapter(): Adapter {
  const db = getDb();
  const base = DrizzleAdapter(db, {
    usersTable: users as never,
    accountsTable: accounts as never,
    sessionsTable: sessions as never,
    verificationTokensTable: verificationTokens as never,
  }) as unknown as Adapter;
  return {
    ...base,
    // Our users need a display name, held to the sign-up rules, and compare emails
    // case-insensitively.
    createUser: (user: Omit<AdapterUser, "id">) =>
      base.createUser!({
        ...user,
        email: user.email.trim().toLowerCase(),
        name:
          [user.name, user.email.split("@")[0]]
            .map((name) => displayNameSchema.safeParse(name ?? ""))
            .find((parsed) => parsed.success)?.data ?? "Membre",
      }),
    getUserByEmail: async (email) => {
      const user = await findUserByEmail(db, email);
      return user
        ? {
            id: user.id,
            name: user.name,
            email: user.email,
            emailVerified: user.emailVerified,
            image: user.image,
          }
        : null;
    },
  };
}

const globalForAuth = globalThis as { __agoraAuthOptions?: AuthOptions };

/**
 * Built on first use, not at import: `next build` imports the auth route, and the Drizzle
 * adapter wants a real database object.
 */
export function getAuthOptions(): AuthOptions {
  if (globalForAuth.__agoraAuthOptions) return globalForAuth.__agoraAuthOptions;
  const env = getEnv();
  const options: AuthOptions = {
    secret: getAuthSecret(),
    adapter: createAdapter(),
    // Credentials sign-in only works with JWT sessions; each JWT names a member_sessions row
    // that sign-out deletes, so a copied cookie dies with the session it came from. The row
    // carries the sliding two-week expiry (renewed daily on use, lib/auth/member-sessions.ts):
    // pages rendered on the server cannot rewrite the cookie, so it lasts the longest a
    // session may, and the row decides.
    session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds, updateAge: sessionRenewalSeconds },
    useSecureCookies: secureCookiesEnabled(),
    pages: { signIn: "/connexion", error: "/connexion" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "E-mail et mot de passe",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, request) {
          try {
            return await authorizeCredentials(getDb(), credentials, clientIp(request.headers ?? {}));
          } catch (error) {
            // next-auth hands the message of what authorize throws to the sign-in form.
            if (isAppError(error)) throw new Error(error.message);
            console.error("Sign-in failed:", error);
            throw new Error(invalidCredentialsMessage);
          }
        },
      }),
      ...(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET
        ? [GitHubProvider({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET })]
        : []),
      ...(env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET
        ? [GoogleProvider({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET })]
        : []),
    ],
    callbacks: {
      async jwt({ token, user }) {
        // Each sign-in opens a recorded session, so signing out can end it and close its sockets.
        if (user) token.sid = await startMemberSession(getDb(), user.id);
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        if (token.sid) session.sid = token.sid;
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        await signOutSession(getDb(), token?.sid);
      },
    },
    logger: {
      // next-auth logs failed sign-ins with their stack; a wrong password is not an error.
      error(code, metadata) {
        if (code === "CREDENTIALS_SIGNIN_ERROR" || code === "SIGNIN_OAUTH_ERROR") return;
        console.error(`[auth] ${code}`, metadata instanceof Error ? metadata.message : "");
      },
      warn(code) {
        if (code !== "DEBUG_ENABLED") console.warn(`[auth] ${code}`);
      },
      debug() {},
    },
  };
  globalForAuth.__agoraAuthOptions = options;
  return options;
}
