import { createHash, randomBytes } from "node:crypto";

/**
 * The cookie carries a random token; the session table keeps only its SHA-256. Someone reading the database or a
 * backup sees ids that cannot be put in a cookie. (Tests that create sessions directly use the same pair.)
 */
export function newSessionToken(): string {
  return randomBytes(25).toString("base64url");
}

export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
