CREATE TABLE "data_access_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" text,
	"kind" text NOT NULL,
	"chapter_id" integer,
	"subject_user_id" text,
	"subject_request_id" integer,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "email_change" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"new_email" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "app_user" ADD COLUMN "privacy_version" text;--> statement-breakpoint
ALTER TABLE "app_user" ADD COLUMN "privacy_consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "app_user" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tutoring_request" ADD COLUMN "learner_key" text;--> statement-breakpoint
ALTER TABLE "tutoring_request" ADD COLUMN "is_minor" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tutoring_request" ADD COLUMN "guardian_name" text;--> statement-breakpoint
ALTER TABLE "tutoring_request" ADD COLUMN "guardian_contact" text;--> statement-breakpoint
ALTER TABLE "tutoring_request" ADD COLUMN "guardian_consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tutoring_request" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tutoring_request" ADD COLUMN "erased_by" text;--> statement-breakpoint
ALTER TABLE "data_access_log" ADD CONSTRAINT "data_access_log_actor_id_app_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_access_log" ADD CONSTRAINT "data_access_log_chapter_id_chapter_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."chapter"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_access_log" ADD CONSTRAINT "data_access_log_subject_user_id_app_user_id_fk" FOREIGN KEY ("subject_user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_access_log" ADD CONSTRAINT "data_access_log_subject_request_id_tutoring_request_id_fk" FOREIGN KEY ("subject_request_id") REFERENCES "public"."tutoring_request"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "email_change" ADD CONSTRAINT "email_change_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_access_log_chapter_idx" ON "data_access_log" USING btree ("chapter_id","at");--> statement-breakpoint
CREATE INDEX "data_access_log_subject_user_idx" ON "data_access_log" USING btree ("subject_user_id","at");--> statement-breakpoint
CREATE INDEX "data_access_log_subject_request_idx" ON "data_access_log" USING btree ("subject_request_id");--> statement-breakpoint
CREATE INDEX "email_change_user_idx" ON "email_change" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "tutoring_request_learner_idx" ON "tutoring_request" USING btree ("learner_key");