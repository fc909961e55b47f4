import { useT } from "~/i18n/react";

/** Next to a CSV download: the same file for Excel set to Indonesian (";" between columns, "," for decimals). */
export function SemicolonCsvLink({ href }: { href: string }) {
  const t = useT();
  const url = `${href}${href.includes("?") ? "&" : "?"}sep=semicolon`;
  return (
    <a href={url} download title={t("csv.semicolonHint")}>
      {t("csv.semicolon")}
    </a>
  );
}
