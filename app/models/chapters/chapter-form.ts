// Shared by the chapter pages and their actions (a *.server.ts export is undefined in the browser).
export const MOTIVATION_MAX = 1000;
export const REASON_MAX = 1000;
