ALTER TABLE `campaigns` ADD `members_flagged_at` integer;--> statement-breakpoint
ALTER TABLE `members` ADD `running_campaign_id` integer;--> statement-breakpoint
-- Custom (like 0002/0004): the segment index also carries running_campaign_id, so the live count
-- leaves the members of flagged running campaigns out in the same index-only pass (db/segments.ts).
DROP INDEX IF EXISTS `members_segment_idx`;--> statement-breakpoint
CREATE INDEX `members_segment_idx` ON `members` (`country`,`plan`,`dormant_reason`,`last_viewed_at`,`joined_at`,`currency`,`price_minor`,`last_contacted_at`,`email`,`running_campaign_id`) WHERE `status` = 'dormant';
