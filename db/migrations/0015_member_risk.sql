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
CREATE TABLE `risk_daily` (
	`day` text NOT NULL,
	`country` text NOT NULL,
	`plan` text NOT NULL,
	`band` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`day`, `country`, `plan`, `band`)
);
