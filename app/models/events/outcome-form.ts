// Shared by the report page and its action (a value exported from a *.server.ts module is undefined in the browser).

/** Who can be "brought online": UMKM and villages mostly, but a school or pesantren may get a website too. */
export const ONBOARDING_TYPES = ["umkm", "village", "school", "pesantren", "community", "other"] as const;
export type OnboardingType = (typeof ONBOARDING_TYPES)[number];
/** Blank rows offered below the ones already filed. */
export const BLANK_ONBOARDING_ROWS = 3;

/** Mirrors INSTITUTION_TYPES in db/schema/events.ts (pages may not import db/). */
export const INSTITUTION_TYPE_LIST = ["school", "pesantren", "village", "umkm", "opd", "community", "telecenter", "other"] as const;
