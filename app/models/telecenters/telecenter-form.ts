/** Lists the telecenter pages share with the server (no server code: pages import this). Kept equal to db/schema/telecenters.ts. */
export const SERVICES = [
  "social-entrepreneurship",
  "social-health",
  "social-education",
  "social-ict-mentoring",
  "social-discussion",
  "social-umkm-exhibition",
  "typing",
  "printing",
  "scanning",
  "internet",
  "computer-training",
  "umkm-website",
  "network-installation",
  "bill-payment",
] as const;
export type Service = (typeof SERVICES)[number];
export const isSocialService = (s: string) => s.startsWith("social-");

export const FACILITY_KINDS = ["computer", "laptop", "printer", "scanner", "camera", "projector", "network", "other"] as const;
export const FACILITY_CONDITIONS = ["good", "fair", "broken"] as const;
export const STAFF_ROLES = ["manager", "secretary", "services", "it", "security"] as const;
export const QUESTION_KINDS = ["yesno", "number", "choice", "scale", "text", "photo"] as const;
export type QuestionKindName = (typeof QUESTION_KINDS)[number];
/** Facility rows offered by the edit form (empty rows are ignored). */
export const FACILITY_ROWS = 8;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** Field name of a survey answer; photos use the same name with several files. */
export const answerField = (questionId: number) => `q_${questionId}`;
