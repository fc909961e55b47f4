ALTER TABLE "tutoring_session" ADD COLUMN "submission_key" text;--> statement-breakpoint
ALTER TABLE "telecenter_report" ADD COLUMN "visitors" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "tutoring_session_submission_uq" ON "tutoring_session" USING btree ("request_id","submission_key");