/**
 * An action's answer that is the page itself, as its loader would now show it (see the event page): the loaders of
 * the page need not run again after it. Routes say so in `shouldRevalidate`, the root included (nothing it loads
 * changes with such an action).
 */
export type PageAnswer<T> = { page: T };

export function answeredWithPage(actionResult: unknown): boolean {
  return typeof actionResult === "object" && actionResult !== null && "page" in actionResult;
}
