CREATE TABLE "tutor_stat" (
	"user_id" text PRIMARY KEY NOT NULL,
	"open_requests" integer DEFAULT 0 NOT NULL,
	"pending_offers" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"ratings" integer DEFAULT 0 NOT NULL,
	"skill_ids" integer[] DEFAULT '{}'::int[] NOT NULL,
	"language_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"bonus" double precision GENERATED ALWAYS AS (coalesce(5 * (rating_sum::float8 / nullif(ratings, 0) - 3), 0) - least(8 * (open_requests + pending_offers), 24)) STORED
);
--> statement-breakpoint
ALTER TABLE "tutor_stat" ADD CONSTRAINT "tutor_stat_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tutor_stat_bonus_idx" ON "tutor_stat" USING btree ("bonus");--> statement-breakpoint
CREATE INDEX "tutor_stat_skills_idx" ON "tutor_stat" USING gin ("skill_ids");--> statement-breakpoint
CREATE INDEX "tutor_stat_languages_idx" ON "tutor_stat" USING gin ("language_codes");--> statement-breakpoint
CREATE INDEX "user_language_language_idx" ON "user_language" USING btree ("language_code","user_id");--> statement-breakpoint
CREATE INDEX "volunteer_profile_region_idx" ON "volunteer_profile" USING btree ("region_code");