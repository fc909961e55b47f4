import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/i18n/locale";
import { localeCookie } from "~/i18n/locale.server";
import { env } from "~/env.server";
import { db } from "~/db.server";
import { setUserLocale } from "~/models/accounts/accounts.server";
import { safeRedirect } from "~/utils/redirect";

export async function loader() {
  return redirect("/");
}

/** Remembered per user (saved on the account) and per browser (cookie) for visitors. */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  const to = safeRedirect(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(to);
  if (context.auth.user) await setUserLocale(db, context.auth.user.id, locale);
  return redirect(to, { headers: { "Set-Cookie": localeCookie(locale, env.isProduction) } });
}
