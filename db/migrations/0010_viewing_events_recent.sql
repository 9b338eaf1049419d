-- Custom: WITHOUT ROWID like viewing_events (drizzle-kit cannot express it); see db/recent-views.ts.
CREATE TABLE `viewing_events_recent` (
	`member_id` integer NOT NULL,
	`watched_at` integer NOT NULL,
	`title_id` integer NOT NULL,
	`seconds_watched` integer NOT NULL,
	PRIMARY KEY(`member_id`, `watched_at`, `title_id`)
) WITHOUT ROWID;
