-- The segment index also carries last_contacted_at and email, so queueing a ~900k-member campaign
-- (frequency cap, no-email exclusion) reads the index alone instead of ~900k scattered table rows.
DROP INDEX IF EXISTS `members_segment_idx`;--> statement-breakpoint
CREATE INDEX `members_segment_idx` ON `members` (`country`,`plan`,`dormant_reason`,`last_viewed_at`,`joined_at`,`currency`,`price_minor`,`last_contacted_at`,`email`) WHERE `status` = 'dormant';
