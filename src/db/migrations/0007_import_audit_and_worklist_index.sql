ALTER TABLE "contact" ADD COLUMN "import_job_id" uuid;--> statement-breakpoint
ALTER TABLE "contact_update" ADD COLUMN "import_job_id" uuid;--> statement-breakpoint
CREATE INDEX "contact_open_worklist" ON "contact" USING btree ("tenant_id","owning_agency_id","decision_due_at","received_at") WHERE status in ('open', 'awaiting_authorisation');