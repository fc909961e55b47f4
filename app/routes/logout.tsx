import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/auth/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ context }: ActionFunctionArgs) {
  const cookie = await endSession(context.auth.sessionId);
  return redirect("/", { headers: { "Set-Cookie": cookie } });
}
