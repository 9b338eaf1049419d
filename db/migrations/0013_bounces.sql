CREATE TABLE `bounces` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`type` text NOT NULL,
	`message_ref` text,
	`address` text,
	`campaign_member_id` integer,
	`reason` text NOT NULL,
	`occurred_at` integer NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `bounces_cm_idx` ON `bounces` (`campaign_member_id`,`type`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `email_suppressions` (
	`address` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`source` text NOT NULL,
	`added_at` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `messages_cm_uq`;--> statement-breakpoint
CREATE UNIQUE INDEX `messages_cm_channel_uq` ON `messages` (`campaign_member_id`,`channel`);--> statement-breakpoint
ALTER TABLE `campaign_members` ADD `bounced_at` integer;--> statement-breakpoint
ALTER TABLE `campaign_members` ADD `bounce_reason` text;--> statement-breakpoint
ALTER TABLE `campaign_members` ADD `soft_bounces` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `cm_bounced_idx` ON `campaign_members` (`campaign_id`,`variant_id`) WHERE bounced_at IS NOT NULL;