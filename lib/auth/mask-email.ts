import "server-only";
/**
 * An e-mail as logs may show it: the first character of the local part and the domain
 * (`a***@dominio.com`). Whatever was typed into the login form is not written verbatim: it may be
 * a mistyped password or someone else's address.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}
