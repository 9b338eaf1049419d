CREATE TABLE `cycle_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job` text NOT NULL,
	`day` text NOT NULL,
	`trigger` text NOT NULL,
	`status` text NOT NULL,
	`attempt` integer DEFAULT 0 NOT NULL,
	`requested_by` text,
	`requested_at` integer,
	`started_at` integer,
	`finished_at` integer,
	`next_attempt_at` integer,
	`counts` text,
	`error` text,
	`lease_owner` text,
	`lease_until` integer,
	`progress` integer DEFAULT 0 NOT NULL,
	`progress_total` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cycle_runs_day_uq` ON `cycle_runs` (`job`,`day`) WHERE trigger = 'schedule';--> statement-breakpoint
CREATE INDEX `cycle_runs_job_idx` ON `cycle_runs` (`job`,`id`);--> statement-breakpoint
CREATE INDEX `cycle_runs_status_idx` ON `cycle_runs` (`status`);