-- Partial covering index for the campaign segment builder (db/segments.ts): the live count over
-- ~1M dormant members of 5M reads only this index (no table lookups). Custom migration, owned by
-- campaigns; it is not in the Drizzle schema snapshot, so later generates leave it alone.
CREATE INDEX IF NOT EXISTS `members_segment_idx` ON `members` (`country`,`plan`,`dormant_reason`,`last_viewed_at`,`joined_at`,`currency`,`price_minor`) WHERE `status` = 'dormant';
