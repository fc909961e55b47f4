// One factory module feeds the seed and the tests (house style rule 13).
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { passwords, users } from "../db/schema/accounts";
import { chapters, memberships, type MembershipRole, type MembershipStatus } from "../db/schema/chapters";
import { hashPassword } from "../app/auth/password.server";

let counter = 0;
const cachedHashes = new Map<string, string>();

async function hashed(password: string): Promise<string> {
  let h = cachedHashes.get(password);
  if (!h) {
    h = await hashPassword(password);
    cachedHashes.set(password, h);
  }
  return h;
}

export type UserInput = { email?: string; name?: string; password?: string; isAdmin?: boolean; locale?: "id" | "en" };

export async function createUser(db: Db, input: UserInput = {}) {
  counter += 1;
  const id = randomUUID();
  const email = (input.email ?? `user${counter}-${id.slice(0, 6)}@example.test`).toLowerCase();
  const name = input.name ?? `Relawan ${counter}`;
  await db.insert(users).values({ id, email, name, isAdmin: input.isAdmin ?? false, locale: input.locale ?? "id" });
  await db.insert(passwords).values({ userId: id, hash: await hashed(input.password ?? "rahasia-panjang-1") });
  return { id, email, name, password: input.password ?? "rahasia-panjang-1" };
}

export async function createChapter(db: Db, input: { name?: string; slug?: string; regionCode?: string } = {}) {
  counter += 1;
  const slug = input.slug ?? `chapter-${counter}-${randomUUID().slice(0, 6)}`;
  const [row] = await db
    .insert(chapters)
    .values({ slug, name: input.name ?? `RTIK Uji ${counter}`, regionCode: input.regionCode ?? "35.09" })
    .returning({ id: chapters.id, slug: chapters.slug, name: chapters.name, regionCode: chapters.regionCode });
  if (!row) throw new Error("chapter not created");
  return row;
}

export async function addMembership(
  db: Db,
  input: { userId: string; chapterId: number; role?: MembershipRole; status?: MembershipStatus },
) {
  const [row] = await db
    .insert(memberships)
    .values({
      userId: input.userId,
      chapterId: input.chapterId,
      role: input.role ?? "volunteer",
      status: input.status ?? "active",
      decidedAt: input.status === "pending" ? null : new Date(),
    })
    .returning({ id: memberships.id });
  if (!row) throw new Error("membership not created");
  return row;
}

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row ?? null;
}
