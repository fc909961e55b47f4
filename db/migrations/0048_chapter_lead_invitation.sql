ALTER TABLE "chapter_invitation" ALTER COLUMN "user_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "chapter_invitation" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "chapter_invitation" ADD COLUMN "role" text DEFAULT 'volunteer' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "chapter_invitation_email_pending_uq" ON "chapter_invitation" USING btree ("chapter_id","email","role") WHERE "chapter_invitation"."status" = 'pending' and "chapter_invitation"."email" is not null;--> statement-breakpoint
ALTER TABLE "chapter_invitation" ADD CONSTRAINT "chapter_invitation_user_or_email" CHECK ("chapter_invitation"."user_id" is not null or "chapter_invitation"."email" is not null);