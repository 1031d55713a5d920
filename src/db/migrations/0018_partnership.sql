CREATE TABLE "action_plan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" uuid,
	"source_title" text NOT NULL,
	"board_kind" text NOT NULL,
	"short" boolean DEFAULT false NOT NULL,
	"max_open" integer,
	"restricted" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_plan_reference" UNIQUE("tenant_id","reference")
);
--> statement-breakpoint
CREATE TABLE "action_recommendation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "action_update" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"action_id" uuid NOT NULL,
	"note" text NOT NULL,
	"is_evidence" boolean DEFAULT false NOT NULL,
	"file_name" text,
	"file_type" text,
	"file_bytes" integer,
	"file" "bytea",
	"status" text,
	"rag" text,
	"by_user_id" uuid NOT NULL,
	"by_agency_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "board" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "board_tenant_kind" UNIQUE("tenant_id","kind")
);
--> statement-breakpoint
CREATE TABLE "board_agenda_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"presenter" text,
	"paper_name" text,
	"paper_type" text,
	"paper" "bytea"
);
--> statement-breakpoint
CREATE TABLE "board_attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"status" text NOT NULL,
	"deputy_name" text,
	CONSTRAINT "board_attendance_member" UNIQUE("meeting_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "board_decision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid,
	"text" text NOT NULL,
	"recorded_by_user_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "board_group" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"board_id" uuid NOT NULL,
	"name" text NOT NULL,
	"is_main" boolean DEFAULT false NOT NULL,
	"remit" text,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "board_group_name" UNIQUE("board_id","name")
);
--> statement-breakpoint
CREATE TABLE "board_meeting" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"location" text,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"minutes" text,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "board_member" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"job_title" text,
	"role" text DEFAULT 'member' NOT NULL,
	"from_on" date NOT NULL,
	"to_on" date
);
--> statement-breakpoint
CREATE TABLE "board_risk" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"board_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"kind" text DEFAULT 'risk' NOT NULL,
	"likelihood" integer NOT NULL,
	"impact" integer NOT NULL,
	"owner_agency_id" uuid,
	"owner_name" text NOT NULL,
	"mitigations" text,
	"review_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_on" date,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "board_risk_reference" UNIQUE("tenant_id","reference")
);
--> statement-breakpoint
CREATE TABLE "case_audit" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"programme_year" integer NOT NULL,
	"topic" text NOT NULL,
	"scope" text NOT NULL,
	"sample_kind" text NOT NULL,
	"board_kind" text NOT NULL,
	"planned_on" date NOT NULL,
	"grading_due_on" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"summary" text,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_audit_reference" UNIQUE("tenant_id","reference")
);
--> statement-breakpoint
CREATE TABLE "case_audit_finding" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"audit_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_audit_grading" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"sample_id" uuid NOT NULL,
	"audit_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"grade" text NOT NULL,
	"strengths" text,
	"improvements" text,
	"graded_by_user_id" uuid NOT NULL,
	"graded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_audit_grading_once" UNIQUE("sample_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "case_audit_sample" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"audit_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"record_kind" text NOT NULL,
	"record_id" uuid NOT NULL,
	"agency_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	CONSTRAINT "case_audit_sample_once" UNIQUE("audit_id","record_kind","record_id")
);
--> statement-breakpoint
CREATE TABLE "learning_review" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"kind" text NOT NULL,
	"parent_review_id" uuid,
	"title" text NOT NULL,
	"subject_person_id" uuid,
	"subject_pseudonym" text NOT NULL,
	"summary" text NOT NULL,
	"incident_on" date NOT NULL,
	"learned_on" date,
	"notified_on" date,
	"notification_due_on" date,
	"rapid_review_due_on" date,
	"rapid_review_held_on" date,
	"decision" text,
	"decision_reason" text,
	"decided_on" date,
	"s44_criteria" jsonb,
	"cdop_category" integer,
	"modifiable_factors" text,
	"reviewer" text,
	"terms_of_reference_on" date,
	"panel_sent_on" date,
	"publication_due_on" date,
	"publication_held" boolean DEFAULT false NOT NULL,
	"publication_held_reason" text,
	"published_on" date,
	"stage" text NOT NULL,
	"learning" text,
	"board_kind" text NOT NULL,
	"restricted" boolean DEFAULT true NOT NULL,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "learning_review_reference" UNIQUE("tenant_id","reference")
);
--> statement-breakpoint
CREATE TABLE "learning_review_agency" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"asked_for" text NOT NULL,
	"due_on" date,
	"received_on" date,
	CONSTRAINT "learning_review_agency_once" UNIQUE("review_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "learning_review_finding" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"review_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partnership_action" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"recommendation_id" uuid,
	"reference" text NOT NULL,
	"description" text NOT NULL,
	"owner_agency_id" uuid NOT NULL,
	"owner_user_id" uuid,
	"owner_name" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"rag" text DEFAULT 'amber' NOT NULL,
	"completed_on" date,
	"impact" text,
	"impact_checked_on" date,
	"impact_checked_by_user_id" uuid,
	"reminded_on" date,
	"escalated_on" date,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnership_action_reference" UNIQUE("tenant_id","reference")
);
--> statement-breakpoint
CREATE TABLE "sa_answer" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"return_id" uuid NOT NULL,
	"standard_id" uuid NOT NULL,
	"rag" text NOT NULL,
	"evidence" text NOT NULL,
	"answered_by_user_id" uuid NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sa_answer_once" UNIQUE("return_id","standard_id")
);
--> statement-breakpoint
CREATE TABLE "sa_framework" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"agency_types" text[] NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sa_framework_version" UNIQUE("tenant_id","kind","version")
);
--> statement-breakpoint
CREATE TABLE "sa_return" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"round_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"status" text DEFAULT 'not_started' NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by_user_id" uuid,
	"challenge_on" date,
	"challenge_notes" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sa_return_once" UNIQUE("round_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "sa_round" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"framework_id" uuid NOT NULL,
	"title" text NOT NULL,
	"opened_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_by_user_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sa_standard" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"framework_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"guidance" text NOT NULL,
	"applies_to" text DEFAULT 'both' NOT NULL,
	CONSTRAINT "sa_standard_code" UNIQUE("framework_id","code")
);
--> statement-breakpoint
CREATE TABLE "training_booking" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"attendee_name" text NOT NULL,
	"attendee_email" text NOT NULL,
	"attendee_user_id" uuid,
	"agency_id" uuid NOT NULL,
	"agency_type" text NOT NULL,
	"job_role" text NOT NULL,
	"booked_by_user_id" uuid NOT NULL,
	"booked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"evaluation" jsonb,
	"evaluated_at" timestamp with time zone,
	"impact_token_hash" text,
	"impact_due_on" date,
	"impact_sent_at" timestamp with time zone,
	"impact" jsonb,
	"impact_answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "training_course" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"theme" text NOT NULL,
	"mode" text NOT NULL,
	"board_kind" text NOT NULL,
	"description" text NOT NULL,
	"audience" text,
	"duration_minutes" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_course_title" UNIQUE("tenant_id","title")
);
--> statement-breakpoint
CREATE TABLE "training_need" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"agency_id" uuid NOT NULL,
	"job_role" text NOT NULL,
	"theme" text NOT NULL,
	"staff_count" integer NOT NULL,
	"priority" text NOT NULL,
	"notes" text,
	"recorded_by_user_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"course_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"venue" text NOT NULL,
	"trainer" text,
	"capacity" integer NOT NULL,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"register_taken_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "action_plan" ADD CONSTRAINT "action_plan_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plan" ADD CONSTRAINT "action_plan_created_by_user_id_app_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_recommendation" ADD CONSTRAINT "action_recommendation_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_recommendation" ADD CONSTRAINT "action_recommendation_plan_id_action_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_update" ADD CONSTRAINT "action_update_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_update" ADD CONSTRAINT "action_update_action_id_partnership_action_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."partnership_action"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_update" ADD CONSTRAINT "action_update_by_user_id_app_user_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_update" ADD CONSTRAINT "action_update_by_agency_id_agency_id_fk" FOREIGN KEY ("by_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board" ADD CONSTRAINT "board_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_agenda_item" ADD CONSTRAINT "board_agenda_item_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_agenda_item" ADD CONSTRAINT "board_agenda_item_meeting_id_board_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."board_meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_attendance" ADD CONSTRAINT "board_attendance_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_attendance" ADD CONSTRAINT "board_attendance_meeting_id_board_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."board_meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_attendance" ADD CONSTRAINT "board_attendance_member_id_board_member_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."board_member"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_attendance" ADD CONSTRAINT "board_attendance_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_decision" ADD CONSTRAINT "board_decision_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_decision" ADD CONSTRAINT "board_decision_meeting_id_board_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."board_meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_decision" ADD CONSTRAINT "board_decision_agenda_item_id_board_agenda_item_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."board_agenda_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_decision" ADD CONSTRAINT "board_decision_recorded_by_user_id_app_user_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_group" ADD CONSTRAINT "board_group_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_group" ADD CONSTRAINT "board_group_board_id_board_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."board"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_meeting" ADD CONSTRAINT "board_meeting_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_meeting" ADD CONSTRAINT "board_meeting_group_id_board_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."board_group"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_meeting" ADD CONSTRAINT "board_meeting_created_by_user_id_app_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_member" ADD CONSTRAINT "board_member_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_member" ADD CONSTRAINT "board_member_group_id_board_group_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."board_group"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_member" ADD CONSTRAINT "board_member_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_member" ADD CONSTRAINT "board_member_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_risk" ADD CONSTRAINT "board_risk_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_risk" ADD CONSTRAINT "board_risk_board_id_board_id_fk" FOREIGN KEY ("board_id") REFERENCES "public"."board"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_risk" ADD CONSTRAINT "board_risk_owner_agency_id_agency_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "board_risk" ADD CONSTRAINT "board_risk_created_by_user_id_app_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_audit" ADD CONSTRAINT "case_audit_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_audit" ADD CONSTRAINT "case_audit_created_by_user_id_app_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_audit_finding" ADD CONSTRAINT "case_audit_finding_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_audit_finding" ADD CONSTRAINT "case_audit_finding_audit_id_case_audit_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."case_audit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_audit_grading" ADD CONSTRAINT "case_audit_grading_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_audit_grading" ADD CONSTRAINT "case_audit_grading_sample_id_case_audit_sample_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."case_audit_sample"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_audit_grading" ADD CONSTRAINT "case_audit_grading_audit_id_case_audit_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."case_audit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_audit_grading" ADD CONSTRAINT "case_audit_grading_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_audit_grading" ADD CONSTRAINT "case_audit_grading_graded_by_user_id_app_user_id_fk" FOREIGN KEY ("graded_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_audit_sample" ADD CONSTRAINT "case_audit_sample_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_audit_sample" ADD CONSTRAINT "case_audit_sample_audit_id_case_audit_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."case_audit"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_audit_sample" ADD CONSTRAINT "case_audit_sample_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_review" ADD CONSTRAINT "learning_review_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_review" ADD CONSTRAINT "learning_review_subject_person_id_person_id_fk" FOREIGN KEY ("subject_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_review" ADD CONSTRAINT "learning_review_created_by_user_id_app_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_review_agency" ADD CONSTRAINT "learning_review_agency_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_review_agency" ADD CONSTRAINT "learning_review_agency_review_id_learning_review_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."learning_review"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_review_agency" ADD CONSTRAINT "learning_review_agency_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_review_finding" ADD CONSTRAINT "learning_review_finding_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "learning_review_finding" ADD CONSTRAINT "learning_review_finding_review_id_learning_review_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."learning_review"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_action" ADD CONSTRAINT "partnership_action_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_action" ADD CONSTRAINT "partnership_action_plan_id_action_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."action_plan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_action" ADD CONSTRAINT "partnership_action_recommendation_id_action_recommendation_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."action_recommendation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_action" ADD CONSTRAINT "partnership_action_owner_agency_id_agency_id_fk" FOREIGN KEY ("owner_agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_action" ADD CONSTRAINT "partnership_action_owner_user_id_app_user_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_action" ADD CONSTRAINT "partnership_action_impact_checked_by_user_id_app_user_id_fk" FOREIGN KEY ("impact_checked_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_action" ADD CONSTRAINT "partnership_action_created_by_user_id_app_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sa_answer" ADD CONSTRAINT "sa_answer_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sa_answer" ADD CONSTRAINT "sa_answer_return_id_sa_return_id_fk" FOREIGN KEY ("return_id") REFERENCES "public"."sa_return"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sa_answer" ADD CONSTRAINT "sa_answer_standard_id_sa_standard_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."sa_standard"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sa_answer" ADD CONSTRAINT "sa_answer_answered_by_user_id_app_user_id_fk" FOREIGN KEY ("answered_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sa_framework" ADD CONSTRAINT "sa_framework_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sa_return" ADD CONSTRAINT "sa_return_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sa_return" ADD CONSTRAINT "sa_return_round_id_sa_round_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."sa_round"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sa_return" ADD CONSTRAINT "sa_return_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sa_return" ADD CONSTRAINT "sa_return_submitted_by_user_id_app_user_id_fk" FOREIGN KEY ("submitted_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sa_round" ADD CONSTRAINT "sa_round_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sa_round" ADD CONSTRAINT "sa_round_framework_id_sa_framework_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."sa_framework"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sa_round" ADD CONSTRAINT "sa_round_opened_by_user_id_app_user_id_fk" FOREIGN KEY ("opened_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sa_standard" ADD CONSTRAINT "sa_standard_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sa_standard" ADD CONSTRAINT "sa_standard_framework_id_sa_framework_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."sa_framework"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_booking" ADD CONSTRAINT "training_booking_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_booking" ADD CONSTRAINT "training_booking_session_id_training_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_session"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_booking" ADD CONSTRAINT "training_booking_attendee_user_id_app_user_id_fk" FOREIGN KEY ("attendee_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_booking" ADD CONSTRAINT "training_booking_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_booking" ADD CONSTRAINT "training_booking_booked_by_user_id_app_user_id_fk" FOREIGN KEY ("booked_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_course" ADD CONSTRAINT "training_course_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_need" ADD CONSTRAINT "training_need_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_need" ADD CONSTRAINT "training_need_agency_id_agency_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."agency"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_need" ADD CONSTRAINT "training_need_recorded_by_user_id_app_user_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_session" ADD CONSTRAINT "training_session_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_session" ADD CONSTRAINT "training_session_course_id_training_course_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."training_course"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_plan_source" ON "action_plan" USING btree ("source_kind","source_id");--> statement-breakpoint
CREATE INDEX "action_recommendation_plan" ON "action_recommendation" USING btree ("plan_id","position");--> statement-breakpoint
CREATE INDEX "action_update_action" ON "action_update" USING btree ("action_id","at");--> statement-breakpoint
CREATE INDEX "board_agenda_item_meeting" ON "board_agenda_item" USING btree ("meeting_id","position");--> statement-breakpoint
CREATE INDEX "board_attendance_agency" ON "board_attendance" USING btree ("tenant_id","agency_id");--> statement-breakpoint
CREATE INDEX "board_decision_meeting" ON "board_decision" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "board_meeting_group" ON "board_meeting" USING btree ("group_id","held_at");--> statement-breakpoint
CREATE INDEX "board_meeting_tenant" ON "board_meeting" USING btree ("tenant_id","held_at");--> statement-breakpoint
CREATE INDEX "board_member_group" ON "board_member" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "board_risk_board" ON "board_risk" USING btree ("board_id","status");--> statement-breakpoint
CREATE INDEX "case_audit_year" ON "case_audit" USING btree ("tenant_id","programme_year");--> statement-breakpoint
CREATE INDEX "case_audit_finding_audit" ON "case_audit_finding" USING btree ("audit_id","position");--> statement-breakpoint
CREATE INDEX "case_audit_grading_audit" ON "case_audit_grading" USING btree ("audit_id");--> statement-breakpoint
CREATE INDEX "learning_review_stage" ON "learning_review" USING btree ("tenant_id","kind","stage");--> statement-breakpoint
CREATE INDEX "learning_review_finding_review" ON "learning_review_finding" USING btree ("review_id","position");--> statement-breakpoint
CREATE INDEX "partnership_action_plan" ON "partnership_action" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "partnership_action_owner" ON "partnership_action" USING btree ("tenant_id","owner_agency_id","status");--> statement-breakpoint
CREATE INDEX "partnership_action_due" ON "partnership_action" USING btree ("tenant_id","status","due_on");--> statement-breakpoint
CREATE INDEX "sa_return_agency" ON "sa_return" USING btree ("tenant_id","agency_id");--> statement-breakpoint
CREATE INDEX "sa_round_framework" ON "sa_round" USING btree ("framework_id");--> statement-breakpoint
CREATE INDEX "training_booking_session" ON "training_booking" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "training_booking_agency" ON "training_booking" USING btree ("tenant_id","agency_id");--> statement-breakpoint
CREATE UNIQUE INDEX "training_booking_token" ON "training_booking" USING btree ("impact_token_hash");--> statement-breakpoint
CREATE INDEX "training_booking_impact_due" ON "training_booking" USING btree ("tenant_id","impact_due_on");--> statement-breakpoint
CREATE INDEX "training_need_year" ON "training_need" USING btree ("tenant_id","year");--> statement-breakpoint
CREATE INDEX "training_session_course" ON "training_session" USING btree ("course_id","starts_at");--> statement-breakpoint
CREATE INDEX "training_session_tenant" ON "training_session" USING btree ("tenant_id","starts_at");--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS "action_plan_reference_seq";--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS "partnership_action_reference_seq";--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS "learning_review_reference_seq";--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS "case_audit_reference_seq";--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS "board_risk_reference_seq";
