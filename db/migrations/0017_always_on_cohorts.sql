ALTER TABLE `campaigns` ADD `always_on` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `parent_campaign_id` integer;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `cohort_day` text;--> statement-breakpoint
CREATE UNIQUE INDEX `campaigns_cohort_uq` ON `campaigns` (`parent_campaign_id`,`cohort_day`);