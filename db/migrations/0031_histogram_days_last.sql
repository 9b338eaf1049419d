-- Custom: WITHOUT ROWID (drizzle-kit cannot express it) and days last in the key, so collapsing the
-- histogram for a policy's thresholds reads it in group order instead of sorting every bucket
-- (75 ms → 22 ms on 84,569 buckets at 20M members), on each fold of member changes.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_metrics_member_histogram` (
	`country` text NOT NULL,
	`plan` text NOT NULL,
	`currency` text NOT NULL,
	`watched` integer NOT NULL,
	`days` integer NOT NULL,
	`in_campaign` integer NOT NULL,
	`n` integer NOT NULL,
	`price_minor` integer NOT NULL,
	PRIMARY KEY(`country`, `plan`, `currency`, `watched`, `in_campaign`, `days`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `__new_metrics_member_histogram`("country", "plan", "currency", "watched", "days", "in_campaign", "n", "price_minor") SELECT "country", "plan", "currency", "watched", "days", "in_campaign", "n", "price_minor" FROM `metrics_member_histogram`;--> statement-breakpoint
DROP TABLE `metrics_member_histogram`;--> statement-breakpoint
ALTER TABLE `__new_metrics_member_histogram` RENAME TO `metrics_member_histogram`;--> statement-breakpoint
PRAGMA foreign_keys=ON;