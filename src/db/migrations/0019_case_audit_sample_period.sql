ALTER TABLE "case_audit" ADD COLUMN "sample_from" date;--> statement-breakpoint
ALTER TABLE "case_audit" ADD COLUMN "sample_to" date;--> statement-breakpoint
ALTER TABLE "case_audit" ADD COLUMN "sample_size" integer;