CREATE TABLE `metrics_campaign_outcomes` (
	`campaign_id` integer NOT NULL,
	`variant_id` integer NOT NULL,
	`country` text NOT NULL,
	`plan` text NOT NULL,
	`assigned` integer NOT NULL,
	`sent` integer NOT NULL,
	`won_back` integer NOT NULL,
	`won_back_sent` integer NOT NULL,
	`cancelled` integer NOT NULL,
	`rejoined` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `variant_id`, `country`, `plan`)
);
--> statement-breakpoint
CREATE TABLE `metrics_cancellations` (
	`cancel_day` text NOT NULL,
	`rejoin_day` text NOT NULL,
	`country` text NOT NULL,
	`plan` text NOT NULL,
	`currency` text NOT NULL,
	`n` integer NOT NULL,
	`price_minor` integer NOT NULL,
	PRIMARY KEY(`cancel_day`, `rejoin_day`, `country`, `plan`, `currency`)
);
--> statement-breakpoint
CREATE TABLE `metrics_member_histogram` (
	`country` text NOT NULL,
	`plan` text NOT NULL,
	`currency` text NOT NULL,
	`watched` integer NOT NULL,
	`days` integer NOT NULL,
	`in_campaign` integer NOT NULL,
	`n` integer NOT NULL,
	`price_minor` integer NOT NULL,
	PRIMARY KEY(`country`, `plan`, `currency`, `watched`, `days`, `in_campaign`)
);
--> statement-breakpoint
CREATE TABLE `metrics_refresh` (
	`part` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`day` text NOT NULL,
	`signature` text NOT NULL,
	`took_ms` integer NOT NULL
);
