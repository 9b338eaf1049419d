-- Custom: WITHOUT ROWID like viewing_events (drizzle-kit cannot express it), and the triggers that keep
-- both tables equal to a count over viewing_events ∪ viewing_events_recent (decision 032). A view
-- moving between the two tables (the roll-up: insert into one while the other still holds it, then
-- delete from the other while the first holds it) changes no count.
CREATE TABLE `member_view_counts` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`first_viewed_at` integer NOT NULL,
	`last_viewed_at` integer NOT NULL,
	`views` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `member_view_days` (
	`member_id` integer NOT NULL,
	`day` integer NOT NULL,
	`views` integer NOT NULL,
	PRIMARY KEY(`member_id`, `day`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TRIGGER `viewing_events_count_insert` AFTER INSERT ON `viewing_events` WHEN NOT EXISTS (SELECT 1 FROM viewing_events_recent o WHERE o.member_id = new.member_id AND o.watched_at = new.watched_at AND o.title_id = new.title_id) BEGIN
  INSERT INTO member_view_counts (member_id, first_viewed_at, last_viewed_at, views) VALUES (new.member_id, new.watched_at, new.watched_at, 1)
    ON CONFLICT (member_id) DO UPDATE SET first_viewed_at = min(first_viewed_at, excluded.first_viewed_at),
      last_viewed_at = max(last_viewed_at, excluded.last_viewed_at), views = views + 1;
  INSERT INTO member_view_days (member_id, day, views) VALUES (new.member_id, CAST(new.watched_at / 86400000 AS INTEGER), 1)
    ON CONFLICT (member_id, day) DO UPDATE SET views = views + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `viewing_events_count_delete` AFTER DELETE ON `viewing_events` WHEN NOT EXISTS (SELECT 1 FROM viewing_events_recent o WHERE o.member_id = old.member_id AND o.watched_at = old.watched_at AND o.title_id = old.title_id) BEGIN
  UPDATE member_view_days SET views = views - 1 WHERE member_id = old.member_id AND day = CAST(old.watched_at / 86400000 AS INTEGER);
  DELETE FROM member_view_days WHERE member_id = old.member_id AND day = CAST(old.watched_at / 86400000 AS INTEGER) AND views <= 0;
  UPDATE member_view_counts SET views = views - 1 WHERE member_id = old.member_id;
  DELETE FROM member_view_counts WHERE member_id = old.member_id AND views <= 0;
  UPDATE member_view_counts SET
      first_viewed_at = min(coalesce((SELECT min(watched_at) FROM viewing_events WHERE member_id = old.member_id), 9e18),
        coalesce((SELECT min(watched_at) FROM viewing_events_recent WHERE member_id = old.member_id), 9e18)),
      last_viewed_at = max(coalesce((SELECT max(watched_at) FROM viewing_events WHERE member_id = old.member_id), -9e18),
        coalesce((SELECT max(watched_at) FROM viewing_events_recent WHERE member_id = old.member_id), -9e18))
    WHERE member_id = old.member_id AND (old.watched_at <= first_viewed_at OR old.watched_at >= last_viewed_at);
END;
--> statement-breakpoint
CREATE TRIGGER `viewing_events_count_update` BEFORE UPDATE OF member_id, watched_at, title_id ON `viewing_events` BEGIN
  SELECT RAISE(ABORT, 'a recorded view is not edited: delete it and record the new one');
END;
--> statement-breakpoint
CREATE TRIGGER `viewing_events_recent_count_insert` AFTER INSERT ON `viewing_events_recent` WHEN NOT EXISTS (SELECT 1 FROM viewing_events o WHERE o.member_id = new.member_id AND o.watched_at = new.watched_at AND o.title_id = new.title_id) BEGIN
  INSERT INTO member_view_counts (member_id, first_viewed_at, last_viewed_at, views) VALUES (new.member_id, new.watched_at, new.watched_at, 1)
    ON CONFLICT (member_id) DO UPDATE SET first_viewed_at = min(first_viewed_at, excluded.first_viewed_at),
      last_viewed_at = max(last_viewed_at, excluded.last_viewed_at), views = views + 1;
  INSERT INTO member_view_days (member_id, day, views) VALUES (new.member_id, CAST(new.watched_at / 86400000 AS INTEGER), 1)
    ON CONFLICT (member_id, day) DO UPDATE SET views = views + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `viewing_events_recent_count_delete` AFTER DELETE ON `viewing_events_recent` WHEN NOT EXISTS (SELECT 1 FROM viewing_events o WHERE o.member_id = old.member_id AND o.watched_at = old.watched_at AND o.title_id = old.title_id) BEGIN
  UPDATE member_view_days SET views = views - 1 WHERE member_id = old.member_id AND day = CAST(old.watched_at / 86400000 AS INTEGER);
  DELETE FROM member_view_days WHERE member_id = old.member_id AND day = CAST(old.watched_at / 86400000 AS INTEGER) AND views <= 0;
  UPDATE member_view_counts SET views = views - 1 WHERE member_id = old.member_id;
  DELETE FROM member_view_counts WHERE member_id = old.member_id AND views <= 0;
  UPDATE member_view_counts SET
      first_viewed_at = min(coalesce((SELECT min(watched_at) FROM viewing_events WHERE member_id = old.member_id), 9e18),
        coalesce((SELECT min(watched_at) FROM viewing_events_recent WHERE member_id = old.member_id), 9e18)),
      last_viewed_at = max(coalesce((SELECT max(watched_at) FROM viewing_events WHERE member_id = old.member_id), -9e18),
        coalesce((SELECT max(watched_at) FROM viewing_events_recent WHERE member_id = old.member_id), -9e18))
    WHERE member_id = old.member_id AND (old.watched_at <= first_viewed_at OR old.watched_at >= last_viewed_at);
END;
--> statement-breakpoint
CREATE TRIGGER `viewing_events_recent_count_update` BEFORE UPDATE OF member_id, watched_at, title_id ON `viewing_events_recent` BEGIN
  SELECT RAISE(ABORT, 'a recorded view is not edited: delete it and record the new one');
END;
--> statement-breakpoint
INSERT INTO member_view_counts (member_id, first_viewed_at, last_viewed_at, views)
  SELECT member_id, min(watched_at), max(watched_at), count(*) FROM (
    SELECT member_id, watched_at FROM viewing_events UNION ALL SELECT member_id, watched_at FROM viewing_events_recent)
  GROUP BY member_id;
--> statement-breakpoint
-- Day buckets only for the last 200 days before the latest view or today, whichever is earlier: the
-- scoring job drops older ones anyway (KEEP_VIEW_DAYS), and at 5M members all days would be ~50M rows.
INSERT INTO member_view_days (member_id, day, views)
  SELECT member_id, CAST(watched_at / 86400000 AS INTEGER) AS day, count(*) FROM (
    SELECT member_id, watched_at FROM viewing_events UNION ALL SELECT member_id, watched_at FROM viewing_events_recent)
  WHERE watched_at >= min(CAST(strftime('%s', 'now') AS INTEGER) * 1000,
    coalesce((SELECT max(last_viewed_at) FROM members), 0)) - 200 * 86400000
  GROUP BY member_id, day;
