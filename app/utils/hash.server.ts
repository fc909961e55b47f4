import { createHash } from "node:crypto";

/**
 * The sha-256 (hex) of a secret link's token: what the database keeps of every emailed or shown secret (DECISIONS 74).
 * Migration 0036 computes the same in SQL: encode(sha256(convert_to(token, 'UTF8')), 'hex').
 */
export function sha256(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
