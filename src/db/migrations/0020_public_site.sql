CREATE TABLE "awareness_campaign" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"board" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"page_key" text,
	"archived_at" timestamp with time zone,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "help_service" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"summary" text NOT NULL,
	"needs" text[] DEFAULT '{}'::text[] NOT NULL,
	"ages" text[] DEFAULT '{}'::text[] NOT NULL,
	"areas" text[] DEFAULT '{}'::text[] NOT NULL,
	"phone" text,
	"text_number" text,
	"email" text,
	"website" text,
	"opening_hours" text,
	"open_24_hours" boolean DEFAULT false NOT NULL,
	"languages" text,
	"last_checked_on" date NOT NULL,
	"last_checked_by_user_id" uuid,
	"reminder_sent_on" date,
	"archived_at" timestamp with time zone,
	"synthetic" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_page_count" (
	"tenant_id" uuid NOT NULL,
	"page" text NOT NULL,
	"language" text NOT NULL,
	"day" date NOT NULL,
	"views" integer NOT NULL,
	CONSTRAINT "public_page_count_pk" PRIMARY KEY("tenant_id","page","language","day")
);
--> statement-breakpoint
CREATE TABLE "public_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"draft_id" uuid NOT NULL,
	"language" text NOT NULL,
	"about" text NOT NULL,
	"answers" jsonb NOT NULL,
	"anonymous" boolean NOT NULL,
	"received_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_report_draft" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"sealed" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contact" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "awareness_campaign" ADD CONSTRAINT "awareness_campaign_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_service" ADD CONSTRAINT "help_service_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_service" ADD CONSTRAINT "help_service_last_checked_by_user_id_app_user_id_fk" FOREIGN KEY ("last_checked_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_page_count" ADD CONSTRAINT "public_page_count_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_report" ADD CONSTRAINT "public_report_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_report" ADD CONSTRAINT "public_report_contact_id_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_report_draft" ADD CONSTRAINT "public_report_draft_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "awareness_campaign_tenant" ON "awareness_campaign" USING btree ("tenant_id","starts_on");--> statement-breakpoint
CREATE INDEX "help_service_tenant" ON "help_service" USING btree ("tenant_id","archived_at");--> statement-breakpoint
CREATE UNIQUE INDEX "public_report_one_per_draft" ON "public_report" USING btree ("draft_id");--> statement-breakpoint
CREATE INDEX "public_report_tenant_received" ON "public_report" USING btree ("tenant_id","received_at");--> statement-breakpoint
CREATE INDEX "public_report_draft_expires" ON "public_report_draft" USING btree ("expires_at");