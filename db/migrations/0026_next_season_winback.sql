ALTER TABLE `rejoins` ADD `next_season_campaign_id` integer;--> statement-breakpoint
ALTER TABLE `members` ADD `winback_consent` integer DEFAULT true NOT NULL;