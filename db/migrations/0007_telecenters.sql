CREATE TABLE "survey_answer" (
	"response_id" integer NOT NULL,
	"question_id" integer NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survey_answer_response_id_question_id_pk" PRIMARY KEY("response_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "survey_assignment" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"telecenter_id" integer NOT NULL,
	"surveyor_id" text,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_campaign" (
	"id" serial PRIMARY KEY NOT NULL,
	"chapter_id" integer NOT NULL,
	"version_id" integer NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"due_on" date,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_instrument" (
	"id" serial PRIMARY KEY NOT NULL,
	"chapter_id" integer,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_photo" (
	"id" serial PRIMARY KEY NOT NULL,
	"response_id" integer NOT NULL,
	"question_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"uploaded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_question" (
	"id" serial PRIMARY KEY NOT NULL,
	"section_id" integer NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"prompt" text NOT NULL,
	"help" text DEFAULT '' NOT NULL,
	"required" boolean DEFAULT false NOT NULL,
	"max_points" integer DEFAULT 0 NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_response" (
	"id" serial PRIMARY KEY NOT NULL,
	"assignment_id" integer NOT NULL,
	"status" text DEFAULT 'in_progress' NOT NULL,
	"sections_saved" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"score" double precision,
	"classification" text,
	"section_scores" jsonb,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" text,
	CONSTRAINT "survey_response_assignment_id_unique" UNIQUE("assignment_id")
);
--> statement-breakpoint
CREATE TABLE "survey_section" (
	"id" serial PRIMARY KEY NOT NULL,
	"version_id" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_version" (
	"id" serial PRIMARY KEY NOT NULL,
	"instrument_id" integer NOT NULL,
	"number" integer NOT NULL,
	"classes" jsonb NOT NULL,
	"frozen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "telecenter_facility" (
	"id" serial PRIMARY KEY NOT NULL,
	"telecenter_id" integer NOT NULL,
	"kind" text NOT NULL,
	"quantity" integer DEFAULT 1 NOT NULL,
	"condition" text NOT NULL,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "telecenter_hours" (
	"telecenter_id" integer NOT NULL,
	"weekday" smallint NOT NULL,
	"opens_at" text NOT NULL,
	"closes_at" text NOT NULL,
	CONSTRAINT "telecenter_hours_telecenter_id_weekday_pk" PRIMARY KEY("telecenter_id","weekday")
);
--> statement-breakpoint
CREATE TABLE "telecenter_report_usage" (
	"report_id" integer NOT NULL,
	"service" text NOT NULL,
	"users" integer NOT NULL,
	CONSTRAINT "telecenter_report_usage_report_id_service_pk" PRIMARY KEY("report_id","service")
);
--> statement-breakpoint
CREATE TABLE "telecenter_report" (
	"id" serial PRIMARY KEY NOT NULL,
	"telecenter_id" integer NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"income" bigint DEFAULT 0 NOT NULL,
	"complaints" integer DEFAULT 0 NOT NULL,
	"complaint_notes" text DEFAULT '' NOT NULL,
	"damage_notes" text DEFAULT '' NOT NULL,
	"filed_by" text,
	"filed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "telecenter_service" (
	"telecenter_id" integer NOT NULL,
	"service" text NOT NULL,
	CONSTRAINT "telecenter_service_telecenter_id_service_pk" PRIMARY KEY("telecenter_id","service")
);
--> statement-breakpoint
CREATE TABLE "telecenter_staff" (
	"telecenter_id" integer NOT NULL,
	"role" text NOT NULL,
	"user_id" text NOT NULL,
	"since" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "telecenter_staff_telecenter_id_role_user_id_pk" PRIMARY KEY("telecenter_id","role","user_id")
);
--> statement-breakpoint
CREATE TABLE "telecenter" (
	"id" serial PRIMARY KEY NOT NULL,
	"chapter_id" integer NOT NULL,
	"institution_id" integer NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"managing_body" text DEFAULT '' NOT NULL,
	"contact_phone" text,
	"contact_email" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificate" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"dedup_key" text NOT NULL,
	"user_id" text NOT NULL,
	"chapter_id" integer NOT NULL,
	"event_id" integer,
	"recipient_name" text NOT NULL,
	"chapter_name" text NOT NULL,
	"subject" text NOT NULL,
	"activity_date" text NOT NULL,
	"hours" integer NOT NULL,
	"year" smallint NOT NULL,
	"semester" smallint DEFAULT 0 NOT NULL,
	"issued_by" text,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "certificate_code_unique" UNIQUE("code"),
	CONSTRAINT "certificate_dedup_key_unique" UNIQUE("dedup_key")
);
--> statement-breakpoint
CREATE TABLE "indicator" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"name_id" text NOT NULL,
	"name_en" text NOT NULL,
	"definition_id" text NOT NULL,
	"definition_en" text NOT NULL,
	"position" smallint DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "indicator_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "target" (
	"id" serial PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"scope_key" text NOT NULL,
	"chapter_id" integer,
	"province_code" text,
	"indicator_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"semester" smallint DEFAULT 0 NOT NULL,
	"value" integer NOT NULL,
	"set_by" text,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_answer" ADD CONSTRAINT "survey_answer_response_id_survey_response_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."survey_response"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_answer" ADD CONSTRAINT "survey_answer_question_id_survey_question_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."survey_question"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_assignment" ADD CONSTRAINT "survey_assignment_campaign_id_survey_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."survey_campaign"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_assignment" ADD CONSTRAINT "survey_assignment_telecenter_id_telecenter_id_fk" FOREIGN KEY ("telecenter_id") REFERENCES "public"."telecenter"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_assignment" ADD CONSTRAINT "survey_assignment_surveyor_id_app_user_id_fk" FOREIGN KEY ("surveyor_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_campaign" ADD CONSTRAINT "survey_campaign_chapter_id_chapter_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."chapter"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_campaign" ADD CONSTRAINT "survey_campaign_version_id_survey_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."survey_version"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_campaign" ADD CONSTRAINT "survey_campaign_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_instrument" ADD CONSTRAINT "survey_instrument_chapter_id_chapter_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."chapter"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_instrument" ADD CONSTRAINT "survey_instrument_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_photo" ADD CONSTRAINT "survey_photo_response_id_survey_response_id_fk" FOREIGN KEY ("response_id") REFERENCES "public"."survey_response"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_photo" ADD CONSTRAINT "survey_photo_question_id_survey_question_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."survey_question"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_photo" ADD CONSTRAINT "survey_photo_uploaded_by_app_user_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_question" ADD CONSTRAINT "survey_question_section_id_survey_section_id_fk" FOREIGN KEY ("section_id") REFERENCES "public"."survey_section"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_assignment_id_survey_assignment_id_fk" FOREIGN KEY ("assignment_id") REFERENCES "public"."survey_assignment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_response" ADD CONSTRAINT "survey_response_submitted_by_app_user_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_section" ADD CONSTRAINT "survey_section_version_id_survey_version_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."survey_version"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_version" ADD CONSTRAINT "survey_version_instrument_id_survey_instrument_id_fk" FOREIGN KEY ("instrument_id") REFERENCES "public"."survey_instrument"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telecenter_facility" ADD CONSTRAINT "telecenter_facility_telecenter_id_telecenter_id_fk" FOREIGN KEY ("telecenter_id") REFERENCES "public"."telecenter"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telecenter_hours" ADD CONSTRAINT "telecenter_hours_telecenter_id_telecenter_id_fk" FOREIGN KEY ("telecenter_id") REFERENCES "public"."telecenter"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telecenter_report_usage" ADD CONSTRAINT "telecenter_report_usage_report_id_telecenter_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."telecenter_report"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telecenter_report" ADD CONSTRAINT "telecenter_report_telecenter_id_telecenter_id_fk" FOREIGN KEY ("telecenter_id") REFERENCES "public"."telecenter"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telecenter_report" ADD CONSTRAINT "telecenter_report_filed_by_app_user_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telecenter_service" ADD CONSTRAINT "telecenter_service_telecenter_id_telecenter_id_fk" FOREIGN KEY ("telecenter_id") REFERENCES "public"."telecenter"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telecenter_staff" ADD CONSTRAINT "telecenter_staff_telecenter_id_telecenter_id_fk" FOREIGN KEY ("telecenter_id") REFERENCES "public"."telecenter"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telecenter_staff" ADD CONSTRAINT "telecenter_staff_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telecenter" ADD CONSTRAINT "telecenter_chapter_id_chapter_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."chapter"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telecenter" ADD CONSTRAINT "telecenter_institution_id_institution_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institution"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telecenter" ADD CONSTRAINT "telecenter_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "telecenter" ADD CONSTRAINT "telecenter_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_chapter_id_chapter_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."chapter"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_event_id_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."event"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_issued_by_app_user_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target" ADD CONSTRAINT "target_chapter_id_chapter_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."chapter"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target" ADD CONSTRAINT "target_indicator_id_indicator_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicator"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target" ADD CONSTRAINT "target_set_by_app_user_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_assignment_uq" ON "survey_assignment" USING btree ("campaign_id","telecenter_id");--> statement-breakpoint
CREATE INDEX "survey_assignment_surveyor_idx" ON "survey_assignment" USING btree ("surveyor_id");--> statement-breakpoint
CREATE INDEX "survey_campaign_chapter_idx" ON "survey_campaign" USING btree ("chapter_id","created_at");--> statement-breakpoint
CREATE INDEX "survey_photo_response_idx" ON "survey_photo" USING btree ("response_id","question_id");--> statement-breakpoint
CREATE INDEX "survey_question_section_idx" ON "survey_question" USING btree ("section_id","position");--> statement-breakpoint
CREATE INDEX "survey_section_version_idx" ON "survey_section" USING btree ("version_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_version_number_uq" ON "survey_version" USING btree ("instrument_id","number");--> statement-breakpoint
CREATE INDEX "telecenter_facility_tc_idx" ON "telecenter_facility" USING btree ("telecenter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "telecenter_report_period_uq" ON "telecenter_report" USING btree ("telecenter_id","period","period_start");--> statement-breakpoint
CREATE INDEX "telecenter_service_service_idx" ON "telecenter_service" USING btree ("service");--> statement-breakpoint
CREATE INDEX "telecenter_staff_user_idx" ON "telecenter_staff" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "telecenter_region_idx" ON "telecenter" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "telecenter_chapter_idx" ON "telecenter" USING btree ("chapter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "telecenter_institution_uq" ON "telecenter" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "certificate_user_idx" ON "certificate" USING btree ("user_id","issued_at");--> statement-breakpoint
CREATE INDEX "certificate_event_idx" ON "certificate" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "target_scope_period_uq" ON "target" USING btree ("scope_key","year","semester","indicator_id");--> statement-breakpoint
CREATE INDEX "target_chapter_idx" ON "target" USING btree ("chapter_id","year");