-- Police files imported in chunks (issue 11): each contact and update made from a file carries its notification's
-- row, unique per job, so a chunk run again after a crash never makes a row twice; the job keeps the checked file,
-- its progress and a lease, so an interrupted import resumes where it stopped, in one process at a time.
ALTER TABLE "contact" ADD COLUMN "import_row" integer;--> statement-breakpoint
ALTER TABLE "contact_update" ADD COLUMN "import_row" integer;--> statement-breakpoint
ALTER TABLE "import_job" ADD COLUMN "rows_done" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_job" ADD COLUMN "source_agency_id" uuid;--> statement-breakpoint
ALTER TABLE "import_job" ADD COLUMN "actor" jsonb;--> statement-breakpoint
ALTER TABLE "import_job" ADD COLUMN "file_text" text;--> statement-breakpoint
ALTER TABLE "import_job" ADD COLUMN "checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "import_job" ADD COLUMN "claimed_by" text;--> statement-breakpoint
ALTER TABLE "import_job" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "import_job" ADD CONSTRAINT "import_job_source_agency_id_agency_id_fk" FOREIGN KEY ("source_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "contact_import_row" ON "contact" USING btree ("import_job_id","import_row") WHERE import_job_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "contact_update_import_row" ON "contact_update" USING btree ("import_job_id","import_row") WHERE import_job_id is not null;--> statement-breakpoint
CREATE INDEX "import_job_importing" ON "import_job" USING btree ("lease_until") WHERE status = 'importing';
