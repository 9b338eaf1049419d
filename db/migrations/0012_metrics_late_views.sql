CREATE TABLE `metrics_late_views` (
	`cancel_day` text NOT NULL,
	`country` text NOT NULL,
	`plan` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`cancel_day`, `country`, `plan`)
);
