ALTER TABLE "certificate" ADD COLUMN "revoke_reason" text;--> statement-breakpoint
ALTER TABLE "certificate" ADD COLUMN "revoked_by" text;--> statement-breakpoint
ALTER TABLE "certificate" ADD CONSTRAINT "certificate_revoked_by_app_user_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;