import { lazy, Suspense, type ComponentType } from "react";

/**
 * A part of a page that only some people see and that sits below the fold or behind a press (the lead's panels of
 * the event page): the server renders it with the page, as always (its forms are plain HTML forms and work before,
 * or without, any JavaScript), but the browser fetches its code only once the page is hydrating, so the page's
 * first-load JavaScript does not carry it. Until that code is there, React leaves the server's HTML of the part as it
 * is and hydrates it when the code arrives; after a client-side navigation the part appears once its code has come.
 *
 * The part lives in a `*.lazy.tsx` module (its interface strings come with it: scripts/route-strings.ts writes them
 * to app/i18n/strings/lazy/ for the routes that use it) and is handed in twice:
 *   - `onServer`: imported through a `*.server.ts` module that re-exports it, so the server renders it at once
 *     (never suspending: a page without JavaScript must not get it streamed in by a script) and the browser build,
 *     which replaces `*.server` modules with empty ones, does not bundle it (there it is undefined);
 *   - `load`: a dynamic import(), its own chunk, for the browser.
 */
export function lazyPart<P extends object>(onServer: ComponentType<P> | undefined, load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Part = (onServer ?? lazy(async () => ({ default: await load() }))) as ComponentType<P>;
  function LazyPart(props: P) {
    return (
      <Suspense fallback={null}>
        <Part {...props} />
      </Suspense>
    );
  }
  return LazyPart;
}
