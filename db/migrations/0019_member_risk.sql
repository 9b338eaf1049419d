CREATE TABLE `member_risk` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`score` integer NOT NULL,
	`band` text NOT NULL,
	`days_since_last_view` integer NOT NULL,
	`usual_gap_days` integer,
	`views_90` integer NOT NULL,
	`previous_90` integer NOT NULL,
	`tenure_days` integer NOT NULL,
	`scored_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `member_risk_band_idx` ON `member_risk` (`band`,`member_id`) WHERE band <> 'low';--> statement-breakpoint
CREATE TABLE `risk_backtest` (
	`outcome_day` text NOT NULL,
	`scored_day` text NOT NULL,
	`policy_version_id` integer NOT NULL,
	`score` integer NOT NULL,
	`positives` integer NOT NULL,
	`negatives` integer NOT NULL,
	PRIMARY KEY(`outcome_day`, `score`)
);
--> statement-breakpoint
CREATE TABLE `risk_daily` (
	`day` text NOT NULL,
	`country` text NOT NULL,
	`plan` text NOT NULL,
	`band` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`day`, `country`, `plan`, `band`)
);
