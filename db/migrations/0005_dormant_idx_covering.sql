DROP INDEX `members_dormant_idx`;--> statement-breakpoint
CREATE INDEX `members_dormant_idx` ON `members` (`status`,`country`,`plan`,`dormant_reason`,`currency`,`price_minor`);