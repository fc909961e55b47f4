import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { db } from "~/db.server";
import { translator } from "~/i18n/dictionaries.server";
import { formatDateTime } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { tutoringBoardScreen, type BoardScreenRow } from "~/models/tutoring/offers.server";
import { countKey } from "~/i18n/plural";
import "~/i18n/strings/routes/tutoring._index";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "Simpul" }];

const NEARNESS = ["far", "kabupaten", "kecamatan", "desa"] as const;

/** A volunteer's "requests near me": offers to answer, open requests of their chapters, their own tutoring. */
export async function loader({ context, request }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  // one statement: the three lists, topic names in the reader's language
  const board = await tutoringBoardScreen(db, user, context.locale);
  const row = (r: BoardScreenRow) => ({
    id: r.id,
    status: r.status,
    // dates written by the server: the phone builds no Intl formatter while hydrating (see the event list)
    asked: formatDateTime(r.createdAt, context.locale, r.timeZone),
    kecamatan: r.kecamatan,
    chapterName: r.chapterName,
    topics: r.topics,
    mode: r.mode,
    nearness: NEARNESS[r.nearness] ?? "far",
    answerBy: r.offerExpiresAt ? formatDateTime(r.offerExpiresAt, context.locale, r.timeZone) : null,
  });
  return {
    title: `${translator(context.locale)("tutoring.board.title")} — Simpul`,
    declined: new URL(request.url).searchParams.get("selesai") === "decline",
    notMember: new URL(request.url).searchParams.get("selesai") === "notMember",
    taken: new URL(request.url).searchParams.get("selesai") === "taken",
    isVolunteer: board.isVolunteer,
    offers: board.offers.map(row),
    open: board.open.map(row),
    mine: board.mine.map((m) => ({ ...row(m), sessions: m.sessions })),
  };
}

export default function TutoringBoard() {
  const { isVolunteer, offers, open, mine, declined, notMember, taken } = useLoaderData<typeof loader>();
  const t = useT();
  type Row = (typeof open)[number];
  const item = (r: Row, extra?: string) => (
    <li key={r.id} className="card">
      <p style={{ margin: 0 }}>
        <Link to={`/tutoring/${r.id}`}>{r.topics || t("tutoring.board.freeText")}</Link>
      </p>
      <p className="hint" style={{ margin: 0 }}>
        {t("tutoring.board.where", { kecamatan: r.kecamatan, chapter: r.chapterName })} · {t(`tutoring.board.near.${r.nearness}`)} · {t(`tutoring.mode.${r.mode}`)} ·{" "}
        {r.asked}
        {extra ? ` · ${extra}` : null}
      </p>
    </li>
  );
  return (
    <div>
      <h1>{t("tutoring.board.title")}</h1>
      {declined ? (
        <p className="notice" role="status">
          {t("tutoring.volunteer.done.decline")}
        </p>
      ) : null}
      {notMember ? (
        <p className="notice" role="status">
          {t("tutoring.volunteer.notMember")}
        </p>
      ) : null}
      {taken ? (
        <p className="notice" role="status">
          {t("tutoring.board.taken")}
        </p>
      ) : null}
      {!isVolunteer ? <p>{t("tutoring.board.notVolunteer")}</p> : null}
      <section aria-labelledby="offers">
        <h2 id="offers">{t("tutoring.board.offers")}</h2>
        {offers.length === 0 ? (
          <p>{t("tutoring.board.noOffers")}</p>
        ) : (
          <ul className="plain-list" style={{ listStyle: "none", padding: 0 }}>{offers.map((r) => item(r, r.answerBy ? t("tutoring.board.answerBy", { at: r.answerBy }) : undefined))}</ul>
        )}
      </section>
      <section aria-labelledby="mine">
        <h2 id="mine">{t("tutoring.board.mine")}</h2>
        {mine.length === 0 ? (
          <p>{t("tutoring.board.noMine")}</p>
        ) : (
          <ul className="plain-list" style={{ listStyle: "none", padding: 0 }}>{mine.map((r) => item(r, `${t(`tutoring.status.${r.status}`)} · ${t(countKey("tutoring.board.sessions", r.sessions), { n: r.sessions })}`))}</ul>
        )}
      </section>
      <section aria-labelledby="open">
        <h2 id="open">{t("tutoring.board.open")}</h2>
        <p className="hint">{t("tutoring.board.openHint")}</p>
        {open.length === 0 ? <p>{t("tutoring.board.noOpen")}</p> : <ul className="plain-list" style={{ listStyle: "none", padding: 0 }}>{open.map((r) => item(r))}</ul>}
      </section>
    </div>
  );
}
