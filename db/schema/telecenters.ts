import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { chapters } from "./chapters";
import { institutions } from "./events";
import { regions } from "./regions";

// ---------- registry ----------

/** A community ICT access point (Pangkalan Akses Komunitas). Its venue twin is `institution_id` (type telecenter). */
export const telecenters = pgTable(
  "telecenter",
  {
    id: serial("id").primaryKey(),
    /** the chapter whose leads look after the record (its kab/kota contains `region_code`) */
    chapterId: integer("chapter_id")
      .notNull()
      .references(() => chapters.id, { onDelete: "cascade" }),
    institutionId: integer("institution_id")
      .notNull()
      .references(() => institutions.id),
    name: text("name").notNull(),
    /** desa/kelurahan (or kecamatan) code */
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    address: text("address").notNull().default(""),
    latitude: doublePrecision("latitude"),
    longitude: doublePrecision("longitude"),
    managingBody: text("managing_body").notNull().default(""),
    /** the telecenter's own contact (shown only to its managers and the chapter's leads) */
    contactPhone: text("contact_phone"),
    contactEmail: text("contact_email"),
    active: boolean("active").notNull().default(true),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("telecenter_region_idx").on(t.regionCode), index("telecenter_chapter_idx").on(t.chapterId), uniqueIndex("telecenter_institution_uq").on(t.institutionId)],
);

export const FACILITY_KINDS = ["computer", "laptop", "printer", "scanner", "camera", "projector", "network", "other"] as const;
export type FacilityKind = (typeof FACILITY_KINDS)[number];
export const FACILITY_CONDITIONS = ["good", "fair", "broken"] as const;
export type FacilityCondition = (typeof FACILITY_CONDITIONS)[number];

export const telecenterFacilities = pgTable(
  "telecenter_facility",
  {
    id: serial("id").primaryKey(),
    telecenterId: integer("telecenter_id")
      .notNull()
      .references(() => telecenters.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: FACILITY_KINDS }).notNull(),
    quantity: integer("quantity").notNull().default(1),
    condition: text("condition", { enum: FACILITY_CONDITIONS }).notNull(),
    note: text("note").notNull().default(""),
  },
  (t) => [index("telecenter_facility_tc_idx").on(t.telecenterId)],
);

/** Services from the dinas instrument: social (free) and commercial (paid). */
export const TELECENTER_SERVICES = [
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
export type TelecenterService = (typeof TELECENTER_SERVICES)[number];

export const telecenterServices = pgTable(
  "telecenter_service",
  {
    telecenterId: integer("telecenter_id")
      .notNull()
      .references(() => telecenters.id, { onDelete: "cascade" }),
    service: text("service", { enum: TELECENTER_SERVICES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.telecenterId, t.service] }), index("telecenter_service_service_idx").on(t.service)],
);

/** Weekday 1 = Monday … 7 = Sunday; times are local wall-clock "HH:MM". */
export const telecenterHours = pgTable(
  "telecenter_hours",
  {
    telecenterId: integer("telecenter_id")
      .notNull()
      .references(() => telecenters.id, { onDelete: "cascade" }),
    weekday: smallint("weekday").notNull(),
    opensAt: text("opens_at").notNull(),
    closesAt: text("closes_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.telecenterId, t.weekday] })],
);

export const TELECENTER_ROLES = ["manager", "secretary", "services", "it", "security"] as const;
export type TelecenterRole = (typeof TELECENTER_ROLES)[number];

export const telecenterStaff = pgTable(
  "telecenter_staff",
  {
    telecenterId: integer("telecenter_id")
      .notNull()
      .references(() => telecenters.id, { onDelete: "cascade" }),
    role: text("role", { enum: TELECENTER_ROLES }).notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    since: timestamp("since", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.telecenterId, t.role, t.userId] }), index("telecenter_staff_user_idx").on(t.userId)],
);

export const REPORT_PERIODS = ["day", "month"] as const;
export type ReportPeriod = (typeof REPORT_PERIODS)[number];

/** Operations report: one per telecenter, period kind and period start (a local date; a month starts on day 1). */
export const telecenterReports = pgTable(
  "telecenter_report",
  {
    id: serial("id").primaryKey(),
    telecenterId: integer("telecenter_id")
      .notNull()
      .references(() => telecenters.id, { onDelete: "cascade" }),
    period: text("period", { enum: REPORT_PERIODS }).notNull(),
    periodStart: date("period_start", { mode: "string" }).notNull(),
    /** rupiah */
    income: bigint("income", { mode: "number" }).notNull().default(0),
    complaints: integer("complaints").notNull().default(0),
    /** distinct people who came (one person using two services counts once); 0 when not counted */
    visitors: integer("visitors").notNull().default(0),
    complaintNotes: text("complaint_notes").notNull().default(""),
    damageNotes: text("damage_notes").notNull().default(""),
    filedBy: text("filed_by").references(() => users.id, { onDelete: "set null" }),
    filedAt: timestamp("filed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("telecenter_report_period_uq").on(t.telecenterId, t.period, t.periodStart)],
);

export const telecenterReportUsage = pgTable(
  "telecenter_report_usage",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => telecenterReports.id, { onDelete: "cascade" }),
    service: text("service", { enum: TELECENTER_SERVICES }).notNull(),
    users: integer("users").notNull(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.service] })],
);

// ---------- assessment surveys ----------

/** An instrument belongs to a chapter, or is national (chapter_id null, made by an admin). */
export const surveyInstruments = pgTable("survey_instrument", {
  id: serial("id").primaryKey(),
  chapterId: integer("chapter_id").references(() => chapters.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type SurveyClass = { name: string; min: number };

/** Questions, scoring and classes live on a version; `frozen_at` is set when a campaign first uses it. */
export const surveyVersions = pgTable(
  "survey_version",
  {
    id: serial("id").primaryKey(),
    instrumentId: integer("instrument_id")
      .notNull()
      .references(() => surveyInstruments.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    /** classification, highest threshold first: the first class whose `min` (0–100) the total reaches */
    classes: jsonb("classes").$type<SurveyClass[]>().notNull(),
    frozenAt: timestamp("frozen_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("survey_version_number_uq").on(t.instrumentId, t.number)],
);

export const surveySections = pgTable(
  "survey_section",
  {
    id: serial("id").primaryKey(),
    versionId: integer("version_id")
      .notNull()
      .references(() => surveyVersions.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** weight of the section's percentage in the total */
    weight: integer("weight").notNull().default(1),
  },
  (t) => [index("survey_section_version_idx").on(t.versionId, t.position)],
);

export const QUESTION_KINDS = ["yesno", "number", "choice", "scale", "text", "photo"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/**
 * Scoring rule per kind (points out of `max_points`):
 * yesno: "yes" → max; choice: the option's points; scale: linear from min (0) to max (max_points);
 * number: the highest band whose `min` the value reaches; photo: at least one photo → max; text: 0.
 */
export type QuestionConfig = {
  options?: { value: string; label: string; points: number }[];
  min?: number;
  max?: number;
  bands?: { min: number; points: number }[];
};

export const surveyQuestions = pgTable(
  "survey_question",
  {
    id: serial("id").primaryKey(),
    sectionId: integer("section_id")
      .notNull()
      .references(() => surveySections.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind", { enum: QUESTION_KINDS }).notNull(),
    prompt: text("prompt").notNull(),
    help: text("help").notNull().default(""),
    required: boolean("required").notNull().default(false),
    maxPoints: integer("max_points").notNull().default(0),
    config: jsonb("config").$type<QuestionConfig>().notNull().default({}),
  },
  (t) => [index("survey_question_section_idx").on(t.sectionId, t.position)],
);

export const CAMPAIGN_STATUSES = ["open", "closed"] as const;

export const surveyCampaigns = pgTable(
  "survey_campaign",
  {
    id: serial("id").primaryKey(),
    chapterId: integer("chapter_id")
      .notNull()
      .references(() => chapters.id, { onDelete: "cascade" }),
    versionId: integer("version_id")
      .notNull()
      .references(() => surveyVersions.id),
    name: text("name").notNull(),
    status: text("status", { enum: CAMPAIGN_STATUSES }).notNull().default("open"),
    dueOn: date("due_on", { mode: "string" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("survey_campaign_chapter_idx").on(t.chapterId, t.createdAt)],
);

/** One telecenter of a campaign, surveyed by one person. */
export const surveyAssignments = pgTable(
  "survey_assignment",
  {
    id: serial("id").primaryKey(),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => surveyCampaigns.id, { onDelete: "cascade" }),
    telecenterId: integer("telecenter_id")
      .notNull()
      .references(() => telecenters.id, { onDelete: "cascade" }),
    surveyorId: text("surveyor_id").references(() => users.id, { onDelete: "set null" }),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("survey_assignment_uq").on(t.campaignId, t.telecenterId), index("survey_assignment_surveyor_idx").on(t.surveyorId)],
);

export const RESPONSE_STATUSES = ["in_progress", "submitted"] as const;
export type SectionScore = { sectionId: number; points: number; maxPoints: number; percent: number };

export const surveyResponses = pgTable("survey_response", {
  id: serial("id").primaryKey(),
  assignmentId: integer("assignment_id")
    .notNull()
    .unique()
    .references(() => surveyAssignments.id, { onDelete: "cascade" }),
  status: text("status", { enum: RESPONSE_STATUSES }).notNull().default("in_progress"),
  /** sections saved at least once (the surveyor's progress) */
  sectionsSaved: jsonb("sections_saved").$type<number[]>().notNull().default([]),
  score: doublePrecision("score"),
  classification: text("classification"),
  sectionScores: jsonb("section_scores").$type<SectionScore[]>(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  submittedAt: timestamp("submitted_at", { withTimezone: true }),
  submittedBy: text("submitted_by").references(() => users.id, { onDelete: "set null" }),
});

export const surveyAnswers = pgTable(
  "survey_answer",
  {
    responseId: integer("response_id")
      .notNull()
      .references(() => surveyResponses.id, { onDelete: "cascade" }),
    questionId: integer("question_id")
      .notNull()
      .references(() => surveyQuestions.id, { onDelete: "cascade" }),
    value: text("value").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.responseId, t.questionId] })],
);

export const surveyPhotos = pgTable(
  "survey_photo",
  {
    id: serial("id").primaryKey(),
    responseId: integer("response_id")
      .notNull()
      .references(() => surveyResponses.id, { onDelete: "cascade" }),
    questionId: integer("question_id")
      .notNull()
      .references(() => surveyQuestions.id, { onDelete: "cascade" }),
    /** file name inside UPLOADS_DIR/surveys */
    fileName: text("file_name").notNull(),
    width: integer("width").notNull(),
    height: integer("height").notNull(),
    bytes: integer("bytes").notNull(),
    uploadedBy: text("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("survey_photo_response_idx").on(t.responseId, t.questionId)],
);
