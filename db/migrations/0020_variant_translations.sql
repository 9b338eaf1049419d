CREATE TABLE `campaign_variant_translations` (
	`variant_id` integer NOT NULL,
	`language` text NOT NULL,
	`subject_template` text NOT NULL,
	`body_template` text NOT NULL,
	PRIMARY KEY(`variant_id`, `language`),
	FOREIGN KEY (`variant_id`) REFERENCES `campaign_variants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `campaigns` ADD `default_language` text DEFAULT 'en' NOT NULL;--> statement-breakpoint
ALTER TABLE `messages` ADD `language` text;