import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useMatches,
  useRouteError,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { useEffect } from "react";
import { useNonce } from "~/components/nonce";
import { SiteStyles } from "~/components/site-styles";
import "~/i18n/strings/root";
import { englishScript } from "~/i18n/dictionaries.server";
import { useT } from "~/i18n/react";
import { canSeeMailbox } from "~/auth/guards.server";
import { env } from "~/env.server";
import styles from "~/styles/app.css";

// the title of a page whose own route has none, and of the error page
export const meta: MetaFunction = () => [{ title: "Simpul" }];

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ context }: LoaderFunctionArgs) {
  const user = context.auth.user;
  return {
    user: user ? { name: user.name, isAdmin: user.isAdmin } : null,
    // English pages load the whole English dictionary as one cached script (app/i18n/registry.ts)
    i18n: { locale: context.locale, english: context.locale === "en" ? englishScript().version : null },
    mailbox: canSeeMailbox(context, env.mailboxEnabled),
  };
}

type RootData = Awaited<ReturnType<typeof loader>>;

// An action that answered with its page (app/utils/page-answer.ts) changed nothing the root loads.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  typeof actionResult === "object" && actionResult !== null && "page" in actionResult ? false : defaultShouldRevalidate;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<RootData>("root");
  const locale = data?.i18n.locale ?? "id";
  // A page whose route says `handle = { hydrate: false }` ships no JavaScript at all (public pages on 3G):
  // every form works without it anyway.
  const nonce = useNonce();
  const hydrate = useMatches().every((m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate !== false);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b5394" />
        <Meta />
        <SiteStyles href={styles} />
        <Links />
      </head>
      <body>
        {children}
        {hydrate ? (
          <>
            {/* a classic script runs before the deferred module scripts: the strings are there when React hydrates */}
            {data?.i18n.english ? <script nonce={nonce} src={`/i18n/en.${data.i18n.english}.js`} /> : null}
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

function Header() {
  const data = useRouteLoaderData<RootData>("root");
  const t = useT();
  const location = useLocation();
  const user = data?.user;
  const locale = data?.i18n.locale ?? "id";
  return (
    <header className="site-header">
      <a className="skip" href="#main">
        {t("nav.skip")}
      </a>
      <div className="bar">
        <Link to="/" className="brand">
          {t("app.name")}
        </Link>
        <Form method="post" action="/locale" className="lang-switch" reloadDocument>
          <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
          <input type="hidden" name="locale" value={locale === "id" ? "en" : "id"} />
          <button type="submit" className="link-button" lang={locale === "id" ? "en" : "id"}>
            {t("lang.switch")}
          </button>
        </Form>
      </div>
      <nav aria-label={t("nav.menu")}>
        {/* On a phone the header stays short: the daily links first, the rest behind "Lainnya" (no JS needed) */}
        <ul>
          {user ? (
            <>
              <li>
                <Link to="/events">{t("events.nav")}</Link>
              </li>
              <li>
                <Link to="/tutoring">{t("tutoring.nav.board")}</Link>
              </li>
              <li>
                <Link to="/capaian">{t("reports.nav")}</Link>
              </li>
              <li>
                <Link to="/profile">{t("nav.profile")}</Link>
              </li>
            </>
          ) : (
            <>
              <li>
                <Link to="/login">{t("nav.login")}</Link>
              </li>
              <li>
                <Link to="/register">{t("nav.register")}</Link>
              </li>
              <li>
                <Link to="/bantu">{t("tutoring.nav")}</Link>
              </li>
              <li>
                <Link to="/telecenter">{t("telecenters.nav")}</Link>
              </li>
              {data?.mailbox ? (
                <li>
                  <Link to="/dev/mailbox">{t("nav.mailbox")}</Link>
                </li>
              ) : null}
            </>
          )}
        </ul>
        {user ? (
          <details className="nav-more">
            <summary>{t("nav.more")}</summary>
            <ul>
              <li>
                <Link to="/chapters">{t("nav.chapters")}</Link>
              </li>
              <li>
                <Link to="/sertifikat">{t("reports.cert.mine")}</Link>
              </li>
              <li>
                <Link to="/telecenter">{t("telecenters.nav")}</Link>
              </li>
              <li>
                <Link to="/bantu">{t("tutoring.nav")}</Link>
              </li>
              <li>
                <Link to="/account">{t("nav.account")}</Link>
              </li>
              <li>
                <Link to="/akun/data">{t("privacy.account.title")}</Link>
              </li>
              {user.isAdmin ? (
                <li>
                  <Link to="/admin">{t("nav.admin")}</Link>
                </li>
              ) : null}
              {data?.mailbox ? (
                <li>
                  <Link to="/dev/mailbox">{t("nav.mailbox")}</Link>
                </li>
              ) : null}
              <li>
                <Form method="post" action="/logout">
                  <button type="submit" className="link-button">
                    {t("nav.logout")}
                  </button>
                </Form>
              </li>
            </ul>
          </details>
        ) : null}
      </nav>
    </header>
  );
}

function Footer() {
  const t = useT();
  return (
    <footer className="site-footer">
      <Link to="/privasi">{t("privacy.footer")}</Link>
    </footer>
  );
}

export default function App() {
  const { i18n } = useLoaderData<typeof loader>();
  // Switched to English without a reload (the language switch, a log-in with a saved language), or a release changed
  // the English strings: load the page afresh, so the English dictionary script comes with it.
  // (and the page says it is hydrated: utils/offline-forms.client.ts waits for it before putting a lost form back)
  useEffect(() => {
    if (i18n.english && window.__simpulI18nEn?.version !== i18n.english) window.location.reload();
    document.documentElement.dataset.hydrated = "";
  }, [i18n.english]);
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <Footer />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let title = t("errors.generic.title");
  let body = t("errors.generic.body");
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t("errors.notFound.title");
      body = t("errors.notFound.body");
    } else if (error.status === 403) {
      title = t("errors.forbidden.title");
      body = t("errors.forbidden.body");
    } else if (error.status === 400) {
      title = t("errors.badRequest.title");
      body = t("errors.badRequest.body");
    } else if (error.status === 413) {
      title = t("errors.tooLarge.title");
      body = t("errors.tooLarge.body");
    } else if (error.status === 503) {
      title = t("errors.unavailable.title");
      body = t("errors.unavailable.body");
    }
  } else if (error instanceof TypeError && /fetch|network|load failed/i.test(error.message)) {
    // a request of the page that never reached the server (utils/offline-forms.client.ts holds back what it can)
    title = t("errors.offline.title");
    body = t("errors.offline.body");
  }
  return (
    <main id="main" className="error-page">
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <Link to="/">{t("errors.back")}</Link>
      </p>
    </main>
  );
}
