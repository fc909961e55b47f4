CREATE INDEX "app_user_name_trgm_idx" ON "app_user" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "app_user_email_trgm_idx" ON "app_user" USING gin ("email" gin_trgm_ops);