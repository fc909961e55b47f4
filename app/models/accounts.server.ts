import { eq } from "drizzle-orm";
import { users } from "../../db/schema/accounts";
import type { Db } from "~/db.server";
import type { Locale } from "~/i18n/locale";

export async function setUserLocale(db: Db, userId: string, locale: Locale): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}
