-- The scoring run re-scores only members whose row may have changed (decision 033): those whose
-- views changed (the count triggers of migration 0027, recreated here with one more statement),
-- those who became active or stopped being active or whose join date moved (new triggers on
-- members), and those whose recheck day has come. Custom part: triggers are not in the snapshot.
CREATE TABLE `risk_dirty` (
	`member_id` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE `member_risk` ADD `recheck_day` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE INDEX `member_risk_recheck_idx` ON `member_risk` (`recheck_day`);
--> statement-breakpoint
ALTER TABLE `risk_runs` ADD `model` text DEFAULT '' NOT NULL;
--> statement-breakpoint
DROP TRIGGER `viewing_events_count_insert`;
--> statement-breakpoint
CREATE TRIGGER `viewing_events_count_insert` AFTER INSERT ON `viewing_events` WHEN NOT EXISTS (SELECT 1 FROM viewing_events_recent o WHERE o.member_id = new.member_id AND o.watched_at = new.watched_at AND o.title_id = new.title_id) BEGIN
  INSERT INTO member_view_counts (member_id, first_viewed_at, last_viewed_at, views) VALUES (new.member_id, new.watched_at, new.watched_at, 1)
    ON CONFLICT (member_id) DO UPDATE SET first_viewed_at = min(first_viewed_at, excluded.first_viewed_at),
      last_viewed_at = max(last_viewed_at, excluded.last_viewed_at), views = views + 1;
  INSERT INTO member_view_days (member_id, day, views) VALUES (new.member_id, CAST(new.watched_at / 86400000 AS INTEGER), 1)
    ON CONFLICT (member_id, day) DO UPDATE SET views = views + 1;
  INSERT OR IGNORE INTO risk_dirty (member_id) VALUES (new.member_id);
END;
--> statement-breakpoint
DROP TRIGGER `viewing_events_count_delete`;
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
  INSERT OR IGNORE INTO risk_dirty (member_id) VALUES (old.member_id);
END;
--> statement-breakpoint
DROP TRIGGER `viewing_events_recent_count_insert`;
--> statement-breakpoint
CREATE TRIGGER `viewing_events_recent_count_insert` AFTER INSERT ON `viewing_events_recent` WHEN NOT EXISTS (SELECT 1 FROM viewing_events o WHERE o.member_id = new.member_id AND o.watched_at = new.watched_at AND o.title_id = new.title_id) BEGIN
  INSERT INTO member_view_counts (member_id, first_viewed_at, last_viewed_at, views) VALUES (new.member_id, new.watched_at, new.watched_at, 1)
    ON CONFLICT (member_id) DO UPDATE SET first_viewed_at = min(first_viewed_at, excluded.first_viewed_at),
      last_viewed_at = max(last_viewed_at, excluded.last_viewed_at), views = views + 1;
  INSERT INTO member_view_days (member_id, day, views) VALUES (new.member_id, CAST(new.watched_at / 86400000 AS INTEGER), 1)
    ON CONFLICT (member_id, day) DO UPDATE SET views = views + 1;
  INSERT OR IGNORE INTO risk_dirty (member_id) VALUES (new.member_id);
END;
--> statement-breakpoint
DROP TRIGGER `viewing_events_recent_count_delete`;
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
  INSERT OR IGNORE INTO risk_dirty (member_id) VALUES (old.member_id);
END;
--> statement-breakpoint
CREATE TRIGGER `members_risk_insert` AFTER INSERT ON `members` BEGIN
  INSERT OR IGNORE INTO risk_dirty (member_id) VALUES (new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `members_risk_update` AFTER UPDATE OF status, joined_at ON `members`
WHEN (old.status = 'active') <> (new.status = 'active') OR old.joined_at <> new.joined_at BEGIN
  INSERT OR IGNORE INTO risk_dirty (member_id) VALUES (new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `members_risk_delete` AFTER DELETE ON `members` BEGIN
  DELETE FROM member_risk WHERE member_id = old.id;
  DELETE FROM risk_dirty WHERE member_id = old.id;
END;
