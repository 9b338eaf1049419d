-- A campaign's recipients per status, outcome and variant (0 = holdout), kept current by triggers on
-- campaign_members in the writing transaction, so the campaigns list and the report never count a
-- 900,000-recipient campaign per view (decision 036). Custom part: the backfill and the triggers are
-- not in the snapshot. Updates that leave the four columns as they were write nothing.
CREATE TABLE `campaign_member_totals` (
	`campaign_id` integer NOT NULL,
	`status` text NOT NULL,
	`outcome` text NOT NULL,
	`variant_id` integer NOT NULL,
	`members` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `status`, `outcome`, `variant_id`)
);
--> statement-breakpoint
INSERT INTO `campaign_member_totals` (campaign_id, status, outcome, variant_id, members)
  SELECT campaign_id, status, outcome, coalesce(variant_id, 0), count(*) FROM campaign_members GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
CREATE TRIGGER `campaign_members_totals_insert` AFTER INSERT ON `campaign_members` BEGIN
  INSERT INTO campaign_member_totals (campaign_id, status, outcome, variant_id, members)
    VALUES (new.campaign_id, new.status, new.outcome, coalesce(new.variant_id, 0), 1)
    ON CONFLICT DO UPDATE SET members = members + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `campaign_members_totals_delete` AFTER DELETE ON `campaign_members` BEGIN
  UPDATE campaign_member_totals SET members = members - 1
    WHERE campaign_id = old.campaign_id AND status = old.status AND outcome = old.outcome
      AND variant_id = coalesce(old.variant_id, 0);
END;
--> statement-breakpoint
CREATE TRIGGER `campaign_members_totals_update`
AFTER UPDATE OF campaign_id, status, outcome, variant_id ON `campaign_members`
WHEN old.campaign_id IS NOT new.campaign_id OR old.status IS NOT new.status OR old.outcome IS NOT new.outcome
  OR old.variant_id IS NOT new.variant_id BEGIN
  UPDATE campaign_member_totals SET members = members - 1
    WHERE campaign_id = old.campaign_id AND status = old.status AND outcome = old.outcome
      AND variant_id = coalesce(old.variant_id, 0);
  INSERT INTO campaign_member_totals (campaign_id, status, outcome, variant_id, members)
    VALUES (new.campaign_id, new.status, new.outcome, coalesce(new.variant_id, 0), 1)
    ON CONFLICT DO UPDATE SET members = members + 1;
END;
