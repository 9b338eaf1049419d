CREATE TABLE `metrics_member_deltas` (
	`country` text NOT NULL,
	`plan` text NOT NULL,
	`currency` text NOT NULL,
	`watched` integer NOT NULL,
	`ref_day` integer NOT NULL,
	`in_campaign` integer NOT NULL,
	`n` integer NOT NULL,
	`price_minor` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `metrics_refresh` ADD `applied_at` integer;