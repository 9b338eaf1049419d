-- Custom: member_risk keeps only what changes with the member's viewing (the last view instead of
-- the days since it, no tenure, no per-row instant), so the daily run rewrites only the rows whose
-- score or features moved (decision 033); the run's instant moves to risk_runs. Existing rows keep
-- their values, with the last view before the instant each was scored at.
CREATE TABLE `risk_runs` (
	`day` text PRIMARY KEY NOT NULL,
	`scored_at` integer NOT NULL,
	`scored` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO risk_runs (day, scored_at, scored)
  SELECT strftime('%Y-%m-%d', scored_at / 1000, 'unixepoch'), scored_at, count(*) FROM member_risk
  WHERE scored_at = (SELECT max(scored_at) FROM member_risk) GROUP BY scored_at;
--> statement-breakpoint
CREATE TABLE `__new_member_risk` (
	`member_id` integer PRIMARY KEY NOT NULL,
	`score` integer NOT NULL,
	`band` text NOT NULL,
	`last_viewed_at` integer,
	`usual_gap_days` integer,
	`views_90` integer NOT NULL,
	`previous_90` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO __new_member_risk (member_id, score, band, last_viewed_at, usual_gap_days, views_90, previous_90)
  SELECT r.member_id, r.score, r.band,
    CASE WHEN c.member_id IS NULL THEN NULL WHEN c.last_viewed_at < r.scored_at THEN c.last_viewed_at ELSE max(
      coalesce((SELECT max(watched_at) FROM viewing_events WHERE member_id = r.member_id AND watched_at < r.scored_at),
        (SELECT max(watched_at) FROM viewing_events_recent WHERE member_id = r.member_id AND watched_at < r.scored_at)),
      coalesce((SELECT max(watched_at) FROM viewing_events_recent WHERE member_id = r.member_id AND watched_at < r.scored_at),
        (SELECT max(watched_at) FROM viewing_events WHERE member_id = r.member_id AND watched_at < r.scored_at))) END,
    r.usual_gap_days, r.views_90, r.previous_90
  FROM member_risk r LEFT JOIN member_view_counts c ON c.member_id = r.member_id;
--> statement-breakpoint
DROP TABLE `member_risk`;
--> statement-breakpoint
ALTER TABLE `__new_member_risk` RENAME TO `member_risk`;
--> statement-breakpoint
CREATE INDEX `member_risk_band_idx` ON `member_risk` (`band`,`member_id`) WHERE band <> 'low';
