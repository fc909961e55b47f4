CREATE TABLE "tutoring_offer" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"volunteer_id" text NOT NULL,
	"kind" text NOT NULL,
	"offered_by" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"score" integer,
	"offered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "tutoring_session" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"tutor_id" text NOT NULL,
	"held_on" date NOT NULL,
	"minutes" integer NOT NULL,
	"topic" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tutoring_request" ADD COLUMN "tutor_id" text;--> statement-breakpoint
ALTER TABLE "tutoring_request" ADD COLUMN "matched_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tutoring_request" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tutoring_request" ADD COLUMN "rating" smallint;--> statement-breakpoint
ALTER TABLE "tutoring_request" ADD COLUMN "rating_comment" text;--> statement-breakpoint
ALTER TABLE "tutoring_request" ADD COLUMN "rated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tutoring_request" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tutoring_offer" ADD CONSTRAINT "tutoring_offer_request_id_tutoring_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."tutoring_request"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutoring_offer" ADD CONSTRAINT "tutoring_offer_volunteer_id_app_user_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutoring_offer" ADD CONSTRAINT "tutoring_offer_offered_by_app_user_id_fk" FOREIGN KEY ("offered_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutoring_session" ADD CONSTRAINT "tutoring_session_request_id_tutoring_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."tutoring_request"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutoring_session" ADD CONSTRAINT "tutoring_session_tutor_id_app_user_id_fk" FOREIGN KEY ("tutor_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tutoring_offer_request_idx" ON "tutoring_offer" USING btree ("request_id","volunteer_id");--> statement-breakpoint
CREATE INDEX "tutoring_offer_volunteer_status_idx" ON "tutoring_offer" USING btree ("volunteer_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "tutoring_offer_one_pending_uq" ON "tutoring_offer" USING btree ("request_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "tutoring_session_request_idx" ON "tutoring_session" USING btree ("request_id","held_on");--> statement-breakpoint
CREATE INDEX "tutoring_session_tutor_idx" ON "tutoring_session" USING btree ("tutor_id","held_on");--> statement-breakpoint
ALTER TABLE "tutoring_request" ADD CONSTRAINT "tutoring_request_tutor_id_app_user_id_fk" FOREIGN KEY ("tutor_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tutoring_request_tutor_idx" ON "tutoring_request" USING btree ("tutor_id","status");--> statement-breakpoint
CREATE INDEX "tutoring_request_chapter_closed_idx" ON "tutoring_request" USING btree ("chapter_id","closed_at");