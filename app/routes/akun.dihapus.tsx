import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { translator } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import "~/i18n/strings/routes/akun.dihapus";

export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

export async function loader({ context }: LoaderFunctionArgs) {
  return { title: translator(context.locale)("privacy.account.deleteTitle") };
}

export default function AccountDeleted() {
  const t = useT();
  return (
    <div className="narrow">
      <h1>{t("privacy.account.deleteTitle")}</h1>
      <p className="notice" role="status">
        {t("privacy.account.deleted")}
      </p>
      <p>
        <Link to="/">{t("errors.back")}</Link>
      </p>
    </div>
  );
}
