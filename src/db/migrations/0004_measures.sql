CREATE TABLE "clock" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"contact_id" uuid NOT NULL,
	"person_id" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clock_once" UNIQUE("contact_id","kind","person_id")
);
--> statement-breakpoint
CREATE TABLE "comparator" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"measure_id" text NOT NULL,
	"kind" text NOT NULL,
	"year" integer NOT NULL,
	"value" real NOT NULL,
	"source" text NOT NULL,
	"entered_by_user_id" uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comparator_once" UNIQUE("tenant_id","measure_id","kind","year")
);
--> statement-breakpoint
CREATE TABLE "measure_commentary" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"measure_id" text NOT NULL,
	"period_key" text NOT NULL,
	"working_well" text,
	"worried_about" text,
	"going_to_do" text,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "measure_commentary_once" UNIQUE("tenant_id","measure_id","period_key")
);
--> statement-breakpoint
CREATE TABLE "measure_fact" (
	"tenant_id" uuid NOT NULL,
	"measure_id" text NOT NULL,
	"record_id" uuid NOT NULL,
	"contact_id" uuid,
	"period_date" date NOT NULL,
	"period_month" date NOT NULL,
	"numerator" boolean NOT NULL,
	"denominator" boolean NOT NULL,
	"value" real,
	"agency_id" uuid,
	"locality" text,
	"age_band" text,
	"gender" text,
	"ethnicity" text,
	"risk_level" text,
	CONSTRAINT "measure_fact_tenant_id_measure_id_record_id_pk" PRIMARY KEY("tenant_id","measure_id","record_id")
);
--> statement-breakpoint
CREATE TABLE "measure_refresh" (
	"tenant_id" uuid NOT NULL,
	"measure_id" text NOT NULL,
	"watermark" timestamp with time zone NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"full_at" timestamp with time zone NOT NULL,
	CONSTRAINT "measure_refresh_tenant_id_measure_id_pk" PRIMARY KEY("tenant_id","measure_id")
);
--> statement-breakpoint
CREATE TABLE "measure_snapshot" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"measure_id" text NOT NULL,
	"measure_version" integer NOT NULL,
	"period_key" text NOT NULL,
	"numerator" integer NOT NULL,
	"denominator" integer,
	"median" real,
	"population" integer,
	"records" jsonb NOT NULL,
	"published_by_user_id" uuid,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "measure_snapshot_once" UNIQUE("tenant_id","measure_id","period_key")
);
--> statement-breakpoint
CREATE TABLE "population" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"group_code" text NOT NULL,
	"year" integer NOT NULL,
	"value" integer NOT NULL,
	"source" text NOT NULL,
	"entered_by_user_id" uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "population_once" UNIQUE("tenant_id","group_code","year")
);
--> statement-breakpoint
CREATE TABLE "scorecard_measure" (
	"tenant_id" uuid NOT NULL,
	"measure_id" text NOT NULL,
	"position" integer NOT NULL,
	"period_type" text NOT NULL,
	"owner_user_id" uuid,
	"target_value" real,
	"target_tolerance" real,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scorecard_measure_tenant_id_measure_id_pk" PRIMARY KEY("tenant_id","measure_id")
);
--> statement-breakpoint
ALTER TABLE "clock" ADD CONSTRAINT "clock_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clock" ADD CONSTRAINT "clock_contact_id_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clock" ADD CONSTRAINT "clock_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clock" ADD CONSTRAINT "clock_completed_by_user_id_app_user_id_fk" FOREIGN KEY ("completed_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparator" ADD CONSTRAINT "comparator_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparator" ADD CONSTRAINT "comparator_entered_by_user_id_app_user_id_fk" FOREIGN KEY ("entered_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_commentary" ADD CONSTRAINT "measure_commentary_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_commentary" ADD CONSTRAINT "measure_commentary_updated_by_user_id_app_user_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_snapshot" ADD CONSTRAINT "measure_snapshot_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_snapshot" ADD CONSTRAINT "measure_snapshot_published_by_user_id_app_user_id_fk" FOREIGN KEY ("published_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "population" ADD CONSTRAINT "population_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "population" ADD CONSTRAINT "population_entered_by_user_id_app_user_id_fk" FOREIGN KEY ("entered_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_measure" ADD CONSTRAINT "scorecard_measure_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_measure" ADD CONSTRAINT "scorecard_measure_owner_user_id_app_user_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scorecard_measure" ADD CONSTRAINT "scorecard_measure_updated_by_user_id_app_user_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clock_due" ON "clock" USING btree ("tenant_id","kind","due_at");--> statement-breakpoint
CREATE INDEX "clock_contact" ON "clock" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "measure_fact_period" ON "measure_fact" USING btree ("tenant_id","measure_id","period_month");