CREATE TABLE `batch_members` (
	`batch_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`campaign_member_id` integer NOT NULL,
	`state` text DEFAULT 'included' NOT NULL,
	`reason` text,
	`price_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`country` text NOT NULL,
	`plan` text NOT NULL,
	`decided_at` integer,
	PRIMARY KEY(`batch_id`, `member_id`)
);
--> statement-breakpoint
CREATE INDEX `bm_member_idx` ON `batch_members` (`member_id`);--> statement-breakpoint
CREATE TABLE `batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`policy_version_id` integer NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`proposed_at` integer NOT NULL,
	`proposer_id` integer,
	`submitted_at` integer,
	`decided_by` integer,
	`decided_at` integer,
	`decision_comment` text,
	`executed_by` integer,
	`executed_at` integer
);
--> statement-breakpoint
CREATE INDEX `batches_status_idx` ON `batches` (`status`);--> statement-breakpoint
CREATE INDEX `batches_campaign_idx` ON `batches` (`campaign_id`);--> statement-breakpoint
CREATE TABLE `fx_rates` (
	`currency` text NOT NULL,
	`as_of` text NOT NULL,
	`per_million_minor` integer NOT NULL,
	PRIMARY KEY(`currency`, `as_of`)
);
--> statement-breakpoint
CREATE TABLE `rejoins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` integer NOT NULL,
	`batch_id` integer,
	`cancelled_at` integer NOT NULL,
	`rejoined_at` integer NOT NULL,
	`price_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`source` text NOT NULL,
	`by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rejoins_member_idx` ON `rejoins` (`member_id`);--> statement-breakpoint
CREATE INDEX `rejoins_at_idx` ON `rejoins` (`rejoined_at`);--> statement-breakpoint
CREATE TABLE `campaign_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`variant_id` integer,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`excluded_reason` text,
	`assigned_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`sent_at` integer,
	`failed_reason` text,
	`confirmed_at` integer,
	`offer_accepted` integer DEFAULT false NOT NULL,
	`reactivated_at` integer,
	`outcome` text DEFAULT 'pending' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cm_campaign_member_uq` ON `campaign_members` (`campaign_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `cm_member_idx` ON `campaign_members` (`member_id`);--> statement-breakpoint
CREATE INDEX `cm_campaign_status_idx` ON `campaign_members` (`campaign_id`,`status`);--> statement-breakpoint
CREATE TABLE `campaign_variants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_id` integer NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`split_pct` integer NOT NULL,
	`offer` text DEFAULT 'none' NOT NULL,
	`subject_template` text NOT NULL,
	`body_template` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `variants_campaign_key_uq` ON `campaign_variants` (`campaign_id`,`key`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`policy_version_id` integer NOT NULL,
	`segment` text NOT NULL,
	`channel` text DEFAULT 'email' NOT NULL,
	`holdout_pct` integer DEFAULT 10 NOT NULL,
	`seed` integer NOT NULL,
	`scheduled_at` integer,
	`send_started_at` integer,
	`deadline_at` integer,
	`closed_at` integer,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `campaigns_status_idx` ON `campaigns` (`status`);--> statement-breakpoint
CREATE TABLE `keep_confirmations` (
	`campaign_member_id` integer PRIMARY KEY NOT NULL,
	`confirmed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`campaign_member_id` integer NOT NULL,
	`channel` text NOT NULL,
	`to_address` text,
	`subject` text NOT NULL,
	`body_html` text NOT NULL,
	`body_text` text NOT NULL,
	`created_at` integer NOT NULL,
	`delivered_at` integer,
	`server_response` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_cm_uq` ON `messages` (`campaign_member_id`);--> statement-breakpoint
CREATE TABLE `suppressions` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`added_by` text NOT NULL,
	`added_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `dormancy_daily` (
	`day` text NOT NULL,
	`country` text NOT NULL,
	`plan` text NOT NULL,
	`reason` text NOT NULL,
	`count` integer NOT NULL,
	`monthly_minor` integer DEFAULT 0 NOT NULL,
	`currency` text DEFAULT 'USD' NOT NULL,
	PRIMARY KEY(`day`, `country`, `plan`, `reason`, `currency`)
);
--> statement-breakpoint
CREATE TABLE `policy_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`never_watched_days` integer NOT NULL,
	`inactive_days` integer NOT NULL,
	`response_days` integer NOT NULL,
	`retention_days` integer NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE TABLE `members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` text NOT NULL,
	`email` text,
	`display_name` text,
	`country` text NOT NULL,
	`plan` text NOT NULL,
	`price_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`joined_at` integer NOT NULL,
	`last_viewed_at` integer,
	`last_title_id` integer,
	`status` text DEFAULT 'active' NOT NULL,
	`status_changed_at` integer NOT NULL,
	`dormant_reason` text,
	`dormant_since` integer,
	`last_contacted_at` integer,
	`cancelled_at` integer,
	`cancelled_batch_id` integer,
	`retention_until` integer,
	`purged_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_account_id_uq` ON `members` (`account_id`);--> statement-breakpoint
CREATE INDEX `members_email_idx` ON `members` (`email`);--> statement-breakpoint
CREATE INDEX `members_status_idx` ON `members` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `members_country_idx` ON `members` (`country`,`id`);--> statement-breakpoint
CREATE INDEX `members_plan_idx` ON `members` (`plan`,`id`);--> statement-breakpoint
CREATE INDEX `members_dormant_idx` ON `members` (`status`,`country`,`plan`,`dormant_reason`);--> statement-breakpoint
CREATE TABLE `popular_titles` (
	`country` text NOT NULL,
	`rank` integer NOT NULL,
	`title_id` integer NOT NULL,
	PRIMARY KEY(`country`, `rank`)
);
--> statement-breakpoint
CREATE TABLE `titles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT 'film' NOT NULL,
	`release_year` integer
);
--> statement-breakpoint
CREATE TABLE `viewing_events` (
	`member_id` integer NOT NULL,
	`watched_at` integer NOT NULL,
	`title_id` integer NOT NULL,
	`seconds_watched` integer NOT NULL,
	PRIMARY KEY(`member_id`, `watched_at`, `title_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `app_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor_id` integer,
	`actor_label` text NOT NULL,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_actor_idx` ON `audit_log` (`actor_label`,`at`);--> statement-breakpoint
CREATE INDEX `audit_action_idx` ON `audit_log` (`action`,`at`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`heartbeat_at` integer,
	`progress` integer DEFAULT 0 NOT NULL,
	`total` integer,
	`started_by` text NOT NULL,
	`message` text
);
--> statement-breakpoint
CREATE INDEX `jobs_kind_idx` ON `jobs` (`kind`,`started_at`);--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`window_start` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`staff_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_staff_idx` ON `sessions` (`staff_id`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`disabled` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_email_uq` ON `staff` (`email`);