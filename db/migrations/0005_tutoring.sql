CREATE TABLE "learning_topic" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name_id" text NOT NULL,
	"name_en" text NOT NULL,
	"skills" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "learning_topic_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "tutoring_request_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "tutoring_request" (
	"id" serial PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"chapter_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"learner_name" text NOT NULL,
	"whatsapp" text,
	"email" text,
	"topics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"details" text DEFAULT '' NOT NULL,
	"for_whom" text NOT NULL,
	"language" text NOT NULL,
	"locale" text DEFAULT 'id' NOT NULL,
	"mode" text NOT NULL,
	"availability" integer DEFAULT 0 NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"consent_version" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"cancel_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tutoring_request_event" ADD CONSTRAINT "tutoring_request_event_request_id_tutoring_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."tutoring_request"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutoring_request_event" ADD CONSTRAINT "tutoring_request_event_actor_id_app_user_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutoring_request" ADD CONSTRAINT "tutoring_request_chapter_id_chapter_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."chapter"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tutoring_request" ADD CONSTRAINT "tutoring_request_region_code_region_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."region"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tutoring_request_event_request_idx" ON "tutoring_request_event" USING btree ("request_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "tutoring_request_token_uq" ON "tutoring_request" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "tutoring_request_chapter_status_idx" ON "tutoring_request" USING btree ("chapter_id","status","created_at");