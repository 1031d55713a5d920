CREATE TABLE "child_assessment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"started_at" timestamp with time zone,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"factors" text[] DEFAULT '{}'::text[] NOT NULL,
	"seen_on" date,
	"seen_alone" boolean,
	"views_how" text,
	"views_what" text,
	"views_by" text,
	"analysis" text,
	"outcome" text,
	"submitted_at" timestamp with time zone,
	"submitted_by_user_id" uuid,
	"authorised_at" timestamp with time zone,
	"authorised_by_user_id" uuid,
	"returned_comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "child_assessment_referral" UNIQUE("referral_id")
);
--> statement-breakpoint
CREATE TABLE "child_plan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"initial_category" text,
	"latest_category" text,
	"end_reason" text,
	"stepped_down_from_plan_id" uuid,
	"conference_id" uuid,
	"allocated_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conference_invite" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"report_due_at" timestamp with time zone NOT NULL,
	"report_status" text DEFAULT 'requested' NOT NULL,
	"report" text,
	"report_view" text,
	"submitted_at" timestamp with time zone,
	"submitted_by_user_id" uuid,
	"attendance" text,
	CONSTRAINT "conference_invite_once" UNIQUE("conference_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "core_group" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"due_on" date NOT NULL,
	"agencies" uuid[] NOT NULL,
	"notes" text NOT NULL,
	"recorded_by_user_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cp_conference" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"s47_id" uuid,
	"plan_id" uuid,
	"kind" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"chair_user_id" uuid,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"held_at" timestamp with time zone,
	"child_attended" boolean,
	"child_advocate" boolean,
	"child_views_presented" boolean,
	"child_views" text,
	"parents_participation" text,
	"parents_views" text,
	"decision" text,
	"category" text,
	"decision_reason" text,
	"dissent" text,
	"dissent_escalated" boolean DEFAULT false NOT NULL,
	"recorded_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "csc_referral" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"contact_id" uuid,
	"route" text NOT NULL,
	"owning_agency_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"child_name" text NOT NULL,
	"referred_at" timestamp with time zone NOT NULL,
	"source_code" text NOT NULL,
	"primary_need_code" text,
	"nfa" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"closure_reason" text,
	"allocated_user_id" uuid,
	"restricted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "csc_referral_reference" UNIQUE("tenant_id","reference"),
	CONSTRAINT "csc_referral_contact_child" UNIQUE("contact_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "early_help_episode" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"contact_id" uuid,
	"stepped_down_from_referral_id" uuid,
	"children" uuid[] NOT NULL,
	"family_name" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"contact_due_at" timestamp with time zone NOT NULL,
	"contacted_at" timestamp with time zone,
	"engaged" boolean,
	"triage_due_at" timestamp with time zone NOT NULL,
	"triaged_at" timestamp with time zone,
	"lead_agency_id" uuid NOT NULL,
	"lead_user_id" uuid,
	"eha_started_at" timestamp with time zone,
	"eha_due_at" timestamp with time zone,
	"eha_completed_at" timestamp with time zone,
	"eha_agency_id" uuid,
	"eha_summary" text,
	"family_views" text,
	"team" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"stepped_up_to_contact_id" uuid,
	"closed_at" timestamp with time zone,
	"closure_reason" text,
	"restricted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "early_help_reference" UNIQUE("tenant_id","reference"),
	CONSTRAINT "early_help_contact" UNIQUE("contact_id")
);
--> statement-breakpoint
CREATE TABLE "plan_review" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"due_on" date NOT NULL,
	"decision" text NOT NULL,
	"notes" text NOT NULL,
	"recorded_by_user_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_visit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"due_on" date NOT NULL,
	"seen" boolean NOT NULL,
	"seen_alone" boolean NOT NULL,
	"notes" text NOT NULL,
	"recorded_by_user_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "s47_enquiry" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"strategy_discussion_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"conference_due_at" timestamp with time zone NOT NULL,
	"outcome" text,
	"outcome_reason" text,
	"completed_at" timestamp with time zone,
	"completed_by_user_id" uuid,
	CONSTRAINT "s47_enquiry_discussion" UNIQUE("strategy_discussion_id")
);
--> statement-breakpoint
CREATE TABLE "strategy_discussion" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"referral_id" uuid NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"record_due_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"recorded_by_user_id" uuid NOT NULL,
	"participants" jsonb NOT NULL,
	"information_shared" text NOT NULL,
	"decision" text NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "child_assessment" ADD CONSTRAINT "child_assessment_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_assessment" ADD CONSTRAINT "child_assessment_referral_id_csc_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."csc_referral"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_assessment" ADD CONSTRAINT "child_assessment_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_assessment" ADD CONSTRAINT "child_assessment_submitted_by_user_id_app_user_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_assessment" ADD CONSTRAINT "child_assessment_authorised_by_user_id_app_user_id_fk" FOREIGN KEY ("authorised_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_plan" ADD CONSTRAINT "child_plan_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_plan" ADD CONSTRAINT "child_plan_referral_id_csc_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."csc_referral"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_plan" ADD CONSTRAINT "child_plan_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_plan" ADD CONSTRAINT "child_plan_conference_id_cp_conference_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."cp_conference"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_plan" ADD CONSTRAINT "child_plan_allocated_user_id_app_user_id_fk" FOREIGN KEY ("allocated_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_invite" ADD CONSTRAINT "conference_invite_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_invite" ADD CONSTRAINT "conference_invite_conference_id_cp_conference_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."cp_conference"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_invite" ADD CONSTRAINT "conference_invite_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conference_invite" ADD CONSTRAINT "conference_invite_submitted_by_user_id_app_user_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core_group" ADD CONSTRAINT "core_group_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core_group" ADD CONSTRAINT "core_group_plan_id_child_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."child_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "core_group" ADD CONSTRAINT "core_group_recorded_by_user_id_app_user_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_conference" ADD CONSTRAINT "cp_conference_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_conference" ADD CONSTRAINT "cp_conference_referral_id_csc_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."csc_referral"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_conference" ADD CONSTRAINT "cp_conference_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_conference" ADD CONSTRAINT "cp_conference_s47_id_s47_enquiry_id_fk" FOREIGN KEY ("s47_id") REFERENCES "public"."s47_enquiry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_conference" ADD CONSTRAINT "cp_conference_chair_user_id_app_user_id_fk" FOREIGN KEY ("chair_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cp_conference" ADD CONSTRAINT "cp_conference_recorded_by_user_id_app_user_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csc_referral" ADD CONSTRAINT "csc_referral_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csc_referral" ADD CONSTRAINT "csc_referral_contact_id_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csc_referral" ADD CONSTRAINT "csc_referral_owning_agency_id_agency_id_fk" FOREIGN KEY ("owning_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csc_referral" ADD CONSTRAINT "csc_referral_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "csc_referral" ADD CONSTRAINT "csc_referral_allocated_user_id_app_user_id_fk" FOREIGN KEY ("allocated_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "early_help_episode" ADD CONSTRAINT "early_help_episode_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "early_help_episode" ADD CONSTRAINT "early_help_episode_contact_id_contact_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contact"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "early_help_episode" ADD CONSTRAINT "early_help_episode_stepped_down_from_referral_id_csc_referral_id_fk" FOREIGN KEY ("stepped_down_from_referral_id") REFERENCES "public"."csc_referral"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "early_help_episode" ADD CONSTRAINT "early_help_episode_lead_agency_id_agency_id_fk" FOREIGN KEY ("lead_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "early_help_episode" ADD CONSTRAINT "early_help_episode_lead_user_id_app_user_id_fk" FOREIGN KEY ("lead_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "early_help_episode" ADD CONSTRAINT "early_help_episode_eha_agency_id_agency_id_fk" FOREIGN KEY ("eha_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "early_help_episode" ADD CONSTRAINT "early_help_episode_stepped_up_to_contact_id_contact_id_fk" FOREIGN KEY ("stepped_up_to_contact_id") REFERENCES "public"."contact"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_review" ADD CONSTRAINT "plan_review_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_review" ADD CONSTRAINT "plan_review_plan_id_child_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."child_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_review" ADD CONSTRAINT "plan_review_recorded_by_user_id_app_user_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_visit" ADD CONSTRAINT "plan_visit_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_visit" ADD CONSTRAINT "plan_visit_plan_id_child_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."child_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_visit" ADD CONSTRAINT "plan_visit_recorded_by_user_id_app_user_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "s47_enquiry" ADD CONSTRAINT "s47_enquiry_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "s47_enquiry" ADD CONSTRAINT "s47_enquiry_referral_id_csc_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."csc_referral"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "s47_enquiry" ADD CONSTRAINT "s47_enquiry_strategy_discussion_id_strategy_discussion_id_fk" FOREIGN KEY ("strategy_discussion_id") REFERENCES "public"."strategy_discussion"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "s47_enquiry" ADD CONSTRAINT "s47_enquiry_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "s47_enquiry" ADD CONSTRAINT "s47_enquiry_completed_by_user_id_app_user_id_fk" FOREIGN KEY ("completed_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_discussion" ADD CONSTRAINT "strategy_discussion_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_discussion" ADD CONSTRAINT "strategy_discussion_referral_id_csc_referral_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."csc_referral"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_discussion" ADD CONSTRAINT "strategy_discussion_recorded_by_user_id_app_user_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "child_assessment_due" ON "child_assessment" USING btree ("tenant_id","status","due_at");--> statement-breakpoint
CREATE INDEX "child_assessment_person" ON "child_assessment" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "child_plan_person" ON "child_plan" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "child_plan_active" ON "child_plan" USING btree ("tenant_id","kind","ended_on");--> statement-breakpoint
CREATE INDEX "child_plan_referral" ON "child_plan" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "conference_invite_queue" ON "conference_invite" USING btree ("tenant_id","agency_id","report_status","report_due_at");--> statement-breakpoint
CREATE INDEX "core_group_plan" ON "core_group" USING btree ("plan_id","held_on");--> statement-breakpoint
CREATE INDEX "cp_conference_person" ON "cp_conference" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "cp_conference_diary" ON "cp_conference" USING btree ("tenant_id","status","scheduled_at");--> statement-breakpoint
CREATE INDEX "cp_conference_plan" ON "cp_conference" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "csc_referral_person" ON "csc_referral" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "csc_referral_open" ON "csc_referral" USING btree ("tenant_id","status","referred_at");--> statement-breakpoint
CREATE INDEX "early_help_lead" ON "early_help_episode" USING btree ("tenant_id","lead_agency_id","status");--> statement-breakpoint
CREATE INDEX "early_help_started" ON "early_help_episode" USING btree ("tenant_id","started_at");--> statement-breakpoint
CREATE INDEX "plan_review_plan" ON "plan_review" USING btree ("plan_id","held_on");--> statement-breakpoint
CREATE INDEX "plan_visit_plan" ON "plan_visit" USING btree ("plan_id","visited_on");--> statement-breakpoint
CREATE INDEX "plan_visit_tenant" ON "plan_visit" USING btree ("tenant_id","visited_on");--> statement-breakpoint
CREATE INDEX "s47_enquiry_referral" ON "s47_enquiry" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "s47_enquiry_started" ON "s47_enquiry" USING btree ("tenant_id","started_at");--> statement-breakpoint
CREATE INDEX "strategy_discussion_referral" ON "strategy_discussion" USING btree ("referral_id");--> statement-breakpoint
CREATE INDEX "strategy_discussion_held" ON "strategy_discussion" USING btree ("tenant_id","held_at");--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS "csc_referral_reference_seq";--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS "early_help_reference_seq";
