-- A batch's figures (members and monthly price per state, country, plan, currency, and the reason
-- of skipped members) kept current by triggers on batch_members in the writing transaction, so the
-- batch pages never group a 900,000-member batch on the server's thread. Custom part: the triggers
-- and the backfill are not in the snapshot.
CREATE TABLE `batch_member_totals` (
	`batch_id` integer NOT NULL,
	`state` text NOT NULL,
	`reason` text NOT NULL,
	`country` text NOT NULL,
	`plan` text NOT NULL,
	`currency` text NOT NULL,
	`members` integer NOT NULL,
	`monthly_minor` integer NOT NULL,
	PRIMARY KEY(`batch_id`, `state`, `reason`, `country`, `plan`, `currency`)
);
--> statement-breakpoint
INSERT INTO `batch_member_totals` (batch_id, state, reason, country, plan, currency, members, monthly_minor)
  SELECT batch_id, state, CASE WHEN state = 'skipped' THEN coalesce(reason, '') ELSE '' END, country, plan, currency,
    count(*), sum(price_minor)
  FROM batch_members GROUP BY 1, 2, 3, 4, 5, 6;
--> statement-breakpoint
CREATE TRIGGER `batch_members_totals_insert` AFTER INSERT ON `batch_members` BEGIN
  INSERT INTO batch_member_totals (batch_id, state, reason, country, plan, currency, members, monthly_minor)
    VALUES (new.batch_id, new.state, CASE WHEN new.state = 'skipped' THEN coalesce(new.reason, '') ELSE '' END, new.country, new.plan, new.currency, 1, new.price_minor)
    ON CONFLICT DO UPDATE SET members = members + 1, monthly_minor = monthly_minor + excluded.monthly_minor;
END;
--> statement-breakpoint
CREATE TRIGGER `batch_members_totals_delete` AFTER DELETE ON `batch_members` BEGIN
  UPDATE batch_member_totals SET members = members - 1, monthly_minor = monthly_minor - old.price_minor
    WHERE batch_id = old.batch_id AND state = old.state
      AND reason = CASE WHEN old.state = 'skipped' THEN coalesce(old.reason, '') ELSE '' END
      AND country = old.country AND plan = old.plan AND currency = old.currency;
END;
--> statement-breakpoint
CREATE TRIGGER `batch_members_totals_update`
AFTER UPDATE OF batch_id, state, reason, country, plan, currency, price_minor ON `batch_members` BEGIN
  UPDATE batch_member_totals SET members = members - 1, monthly_minor = monthly_minor - old.price_minor
    WHERE batch_id = old.batch_id AND state = old.state
      AND reason = CASE WHEN old.state = 'skipped' THEN coalesce(old.reason, '') ELSE '' END
      AND country = old.country AND plan = old.plan AND currency = old.currency;
  INSERT INTO batch_member_totals (batch_id, state, reason, country, plan, currency, members, monthly_minor)
    VALUES (new.batch_id, new.state, CASE WHEN new.state = 'skipped' THEN coalesce(new.reason, '') ELSE '' END, new.country, new.plan, new.currency, 1, new.price_minor)
    ON CONFLICT DO UPDATE SET members = members + 1, monthly_minor = monthly_minor + excluded.monthly_minor;
END;
