import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getLogger } from "@/lib/log/logger";
import { clientIpFromHeaders } from "./client-ip";
import { verifyCredentials } from "./verify-credentials";

/**
 * next-auth v4 (stable; v5 never left beta): credentials login with JWT sessions. The token only
 * carries the user id; role and active flag are re-read from the database on every request.
 */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;
const log = getLogger("AUTH");

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "E-mail e senha",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const ip = clientIpFromHeaders(req.headers ?? {});
        const result = await verifyCredentials(credentials, ip).catch((error: unknown) => {
          // A thrown message reaches the browser in the redirect URL: never a database error's text.
          log.error(
            { action: "LOGIN_ERROR", err: error instanceof Error ? error.message : String(error) },
            "Erro ao verificar o login",
          );
          throw new Error("UNAVAILABLE");
        });
        if (!result.ok) {
          // next-auth turns a thrown error's message into `error` of signIn()'s result: the form
          // reads the wait from it (`RATE_LIMITED:<seconds>`).
          if (result.reason === "RATE_LIMITED") throw new Error(`RATE_LIMITED:${result.retryAfterSeconds}`);
          return null;
        }
        return { id: result.user.id, email: result.user.email, name: result.user.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.signedInAt = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      if (session.user) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
  logger: {
    // Keep next-auth's own logging away from the console: it can include request details.
    error: () => {},
    warn: () => {},
    debug: () => {},
  },
};
