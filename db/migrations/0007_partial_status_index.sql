DROP INDEX `members_dormant_idx`;--> statement-breakpoint
DROP INDEX `members_status_idx`;--> statement-breakpoint
CREATE INDEX `members_status_idx` ON `members` (`status`,`id`) WHERE status <> 'active';