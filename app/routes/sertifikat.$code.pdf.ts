import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { db } from "~/db.server";
import { getCertificate } from "~/models/reports/certificates.server";
import { certificatePdf } from "~/models/reports/pdf.server";

/** Public like the verification page: the PDF says nothing the page does not. */
export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const code = params.code ?? "";
  const cert = /^[\w-]{8,32}$/.test(code) ? await getCertificate(db, code) : null;
  if (!cert || cert.revokedAt) notFound();
  const lang = new URL(request.url).searchParams.get("lang");
  const locale = lang === "en" || lang === "id" ? lang : context.locale;
  const pdf = await certificatePdf(cert, locale);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="sertifikat-${cert.code}.pdf"`,
      "Cache-Control": "private, max-age=300",
    },
  });
}
