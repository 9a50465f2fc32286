import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    /** The browser session's id, checked against member_sessions on every request. */
    sid?: string;
    user?: { id?: string; name?: string | null; email?: string | null; image?: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** Names one browser session (see lib/auth/options.ts). */
    sid?: string;
  }
}
