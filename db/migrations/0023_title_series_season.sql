ALTER TABLE `titles` ADD `series` text;--> statement-breakpoint
ALTER TABLE `titles` ADD `season` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `titles_series_season_uq` ON `titles` (`series`,`season`);