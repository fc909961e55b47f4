CREATE TABLE "figure_chapter" (
	"chapter_id" integer NOT NULL,
	"province_code" text,
	"key" text NOT NULL,
	"year" smallint NOT NULL,
	"semester" smallint NOT NULL,
	"month" smallint NOT NULL,
	"value" numeric NOT NULL
);
--> statement-breakpoint
CREATE TABLE "figure_dirty" (
	"tx" bigint NOT NULL,
	"chapter_id" integer NOT NULL,
	"year" smallint NOT NULL,
	CONSTRAINT "figure_dirty_tx_chapter_id_year_pk" PRIMARY KEY("tx","chapter_id","year")
);
--> statement-breakpoint
CREATE TABLE "figure_scope" (
	"scope_key" text NOT NULL,
	"key" text NOT NULL,
	"year" smallint NOT NULL,
	"semester" smallint NOT NULL,
	"month" smallint NOT NULL,
	"value" numeric NOT NULL,
	CONSTRAINT "figure_scope_scope_key_year_semester_key_month_pk" PRIMARY KEY("scope_key","year","semester","key","month")
);
--> statement-breakpoint
CREATE INDEX "figure_chapter_chapter_idx" ON "figure_chapter" USING btree ("chapter_id","year","semester");--> statement-breakpoint
CREATE INDEX "figure_chapter_period_idx" ON "figure_chapter" USING btree ("year","semester","month","province_code","chapter_id","key","value");