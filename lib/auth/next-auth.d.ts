import "next-auth/jwt";

declare module "next-auth/jwt" {
  interface JWT {
    /** Sign-in time in ms; sessions older than the user's last password change are void. */
    signedInAt?: number;
  }
}
