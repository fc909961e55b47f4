import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { personalDataOf } from "~/models/accounts/personal-data.server";

/** Everything held about the signed-in volunteer, machine-readable (UU PDP: the right to take one's data). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const personal = await personalDataOf(db, user.id);
  if (!personal) throw redirect("/login");
  return new Response(JSON.stringify(personal, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="simpul-data-saya-${personal.generatedAt.slice(0, 10)}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
