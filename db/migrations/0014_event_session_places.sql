CREATE TABLE "event_session_role" (
	"session_id" integer NOT NULL,
	"role_id" integer NOT NULL,
	"event_id" integer NOT NULL,
	"capacity" integer NOT NULL,
	CONSTRAINT "event_session_role_session_id_role_id_pk" PRIMARY KEY("session_id","role_id")
);
--> statement-breakpoint
DROP INDEX "signup_event_user_uq";--> statement-breakpoint
ALTER TABLE "signup" ADD COLUMN "session_id" integer;--> statement-breakpoint
ALTER TABLE "event_session_role" ADD CONSTRAINT "event_session_role_session_id_event_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."event_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_session_role" ADD CONSTRAINT "event_session_role_role_id_event_role_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."event_role"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_session_role" ADD CONSTRAINT "event_session_role_event_id_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_session_role_event_idx" ON "event_session_role" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "event_session_role_role_idx" ON "event_session_role" USING btree ("role_id");--> statement-breakpoint
ALTER TABLE "signup" ADD CONSTRAINT "signup_session_id_event_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."event_session"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "signup_session_user_uq" ON "signup" USING btree ("session_id","user_id");--> statement-breakpoint
CREATE INDEX "signup_event_user_idx" ON "signup" USING btree ("event_id","user_id");--> statement-breakpoint
CREATE INDEX "signup_session_role_status_idx" ON "signup" USING btree ("session_id","role_id","status","queued_at");