DROP INDEX `cm_campaign_status_idx`;--> statement-breakpoint
CREATE INDEX `cm_campaign_status_idx` ON `campaign_members` (`campaign_id`,`status`,`outcome`,`variant_id`);