import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "~/db.server";
import { listRegionChildren } from "~/models/regions/regions.server";

/** Children of a region as JSON, for the region picker. Public data, cached for a day. */
export async function loader({ params }: LoaderFunctionArgs) {
  const code = params.code ?? "";
  if (!/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/.test(code)) return new Response("Not Found", { status: 404 });
  const children = await listRegionChildren(db, code);
  return new Response(JSON.stringify(children), {
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "public, max-age=86400" },
  });
}
