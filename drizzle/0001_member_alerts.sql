ALTER TABLE "members" ADD COLUMN "alerts" jsonb;--> statement-breakpoint
CREATE INDEX "members_updated_idx" ON "members" USING btree ("updated_at");--> statement-breakpoint
UPDATE "members" SET "alerts" = "data"->'alerts' WHERE "alerts" IS NULL;
