/**
 * The privacy notice (/privasi). Bump PRIVACY_VERSION whenever its text changes: each sign-up and each learner's
 * request records the version agreed to. No server code here (pages import it).
 */
export const PRIVACY_VERSION = "2026-12-v4";

/** Who is responsible for the data, and how to reach them (shown on the notice). */
export const PRIVACY_CONTROLLER = {
  name: "Relawan TIK Indonesia (RTIK)",
  email: "privasi@relawantik.or.id",
} as const;

export type RetentionPeriods = { learnerContactMonths: number; outboxDays: number; sessionIdleDays: number; accessLogMonths: number; participantContactMonths: number };
