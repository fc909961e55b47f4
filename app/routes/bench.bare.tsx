import { useLoaderData } from "@remix-run/react";
import "~/i18n/strings/routes/bench.bare";

/**
 * The floor every page is compared with in `npm run bench` (bench/request-path.ts): a Remix route with a trivial
 * loader, rendered inside the root layout like any page. Answers 404 unless the server runs with SIMPUL_BENCH_BARE=1.
 */
export async function loader() {
  if (process.env.SIMPUL_BENCH_BARE !== "1") throw new Response("Not Found", { status: 404 });
  return { at: Date.now() };
}

export default function BareRoute() {
  const { at } = useLoaderData<typeof loader>();
  return <p>{at}</p>;
}
