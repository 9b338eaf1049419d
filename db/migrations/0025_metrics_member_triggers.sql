-- Keeps the overview's member histogram current within seconds of any write (decision 031): each
-- write that moves a member between histogram buckets records −1 for the old bucket and +1 for the
-- new one in metrics_member_deltas, in the writing transaction; db/metrics-refresh.ts folds them in.
-- A bucket is (country, plan, currency, watched, UTC day of the last view or of joining, in an open
-- campaign or proposed batch); cancelled members are in none. Same-day views move no bucket, so
-- they write nothing. Custom migration: not in the Drizzle schema snapshot.
CREATE TRIGGER IF NOT EXISTS `members_metrics_insert` AFTER INSERT ON `members`
WHEN new.status <> 'cancelled'
BEGIN
  INSERT INTO metrics_member_deltas (country, plan, currency, watched, ref_day, in_campaign, n, price_minor)
  VALUES (new.country, new.plan, new.currency, new.last_viewed_at IS NOT NULL,
          coalesce(new.last_viewed_at, new.joined_at) / 86400000, new.status IN ('notified', 'proposed'), 1, new.price_minor);
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `members_metrics_delete` AFTER DELETE ON `members`
WHEN old.status <> 'cancelled'
BEGIN
  INSERT INTO metrics_member_deltas (country, plan, currency, watched, ref_day, in_campaign, n, price_minor)
  VALUES (old.country, old.plan, old.currency, old.last_viewed_at IS NOT NULL,
          coalesce(old.last_viewed_at, old.joined_at) / 86400000, old.status IN ('notified', 'proposed'), -1, -old.price_minor);
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `members_metrics_update`
AFTER UPDATE OF status, last_viewed_at, joined_at, country, plan, currency, price_minor ON `members`
WHEN (old.status = 'cancelled') <> (new.status = 'cancelled')
  OR (old.status IN ('notified', 'proposed')) <> (new.status IN ('notified', 'proposed'))
  OR (old.last_viewed_at IS NULL) <> (new.last_viewed_at IS NULL)
  OR coalesce(old.last_viewed_at, old.joined_at) / 86400000 <> coalesce(new.last_viewed_at, new.joined_at) / 86400000
  OR old.country <> new.country OR old.plan <> new.plan OR old.currency <> new.currency OR old.price_minor <> new.price_minor
BEGIN
  INSERT INTO metrics_member_deltas (country, plan, currency, watched, ref_day, in_campaign, n, price_minor)
  SELECT old.country, old.plan, old.currency, old.last_viewed_at IS NOT NULL,
         coalesce(old.last_viewed_at, old.joined_at) / 86400000, old.status IN ('notified', 'proposed'), -1, -old.price_minor
  WHERE old.status <> 'cancelled';
  INSERT INTO metrics_member_deltas (country, plan, currency, watched, ref_day, in_campaign, n, price_minor)
  SELECT new.country, new.plan, new.currency, new.last_viewed_at IS NOT NULL,
         coalesce(new.last_viewed_at, new.joined_at) / 86400000, new.status IN ('notified', 'proposed'), 1, new.price_minor
  WHERE new.status <> 'cancelled';
END;
