CREATE TABLE "figure_progress" (
	"chapter_id" integer NOT NULL,
	"year" smallint NOT NULL,
	"semester" smallint NOT NULL,
	"progress" double precision,
	"with_targets" integer NOT NULL,
	"events" numeric NOT NULL,
	"participants" numeric NOT NULL,
	"target_values" numeric[] NOT NULL,
	"figure_values" numeric[] NOT NULL,
	CONSTRAINT "figure_progress_chapter_id_year_semester_pk" PRIMARY KEY("chapter_id","year","semester")
);
--> statement-breakpoint
ALTER TABLE "figure_progress" ADD CONSTRAINT "figure_progress_chapter_id_chapter_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."chapter"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "figure_progress_period_idx" ON "figure_progress" USING btree ("year","semester");