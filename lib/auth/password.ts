import bcrypt from "bcryptjs";

// bcrypt work factor; tests lower it through PASSWORD_HASH_COST (validated in lib/config/env.ts).
const COST = Number(process.env.PASSWORD_HASH_COST ?? 12);
// Verifying against a real hash when the account does not exist keeps the timing of
// "unknown e-mail" and "wrong password" alike, so responses do not reveal which accounts exist.
// Hashed asynchronously (bcryptjs yields between rounds): hashSync at import blocked the event loop
// for about half a second at every start.
const dummyHash = bcrypt.hash("vitrine-timing-equaliser", COST);

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  return (hash ? Promise.resolve(hash) : dummyHash)
    .then((against) => bcrypt.compare(password, against))
    .then((ok) => ok && hash != null);
}
