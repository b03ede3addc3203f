// next-auth endpoints: credentials sign-in, sign-out, CSRF token, session.
import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";

const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
