/**
 * An action's answer that is the page itself, as its loader would now show it (see the event page): the loaders of
 * the page need not run again after it. The routes say so in `shouldRevalidate` (`"page" in actionResult`), the root
 * included (nothing it loads changes with such an action). Only a type here: a function shared by the root and a
 * route would become a chunk of its own, one more request on every page.
 */
export type PageAnswer<T> = { page: T };
