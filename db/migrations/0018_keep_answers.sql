CREATE TABLE `leave_requests` (
	`campaign_member_id` integer PRIMARY KEY NOT NULL,
	`campaign_id` integer NOT NULL,
	`variant_id` integer,
	`member_id` integer NOT NULL,
	`reason` text,
	`note` text,
	`requested_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`cancelled_at` integer,
	`price_minor` integer NOT NULL,
	`currency` text NOT NULL,
	`country` text NOT NULL,
	`plan` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `leave_requests_member_idx` ON `leave_requests` (`member_id`);--> statement-breakpoint
CREATE INDEX `leave_requests_due_idx` ON `leave_requests` (`ends_at`) WHERE cancelled_at IS NULL;--> statement-breakpoint
CREATE TABLE `metrics_own_cancellations` (
	`cancel_day` text NOT NULL,
	`country` text NOT NULL,
	`plan` text NOT NULL,
	`currency` text NOT NULL,
	`n` integer NOT NULL,
	`price_minor` integer NOT NULL,
	PRIMARY KEY(`cancel_day`, `country`, `plan`, `currency`)
);
--> statement-breakpoint
ALTER TABLE `members` ADD `cancellation_source` text;--> statement-breakpoint
ALTER TABLE `metrics_campaign_outcomes` ADD `chose_to_leave` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE `members` SET `cancellation_source` = 'batch' WHERE `cancelled_batch_id` IS NOT NULL;
