ALTER TABLE `staff` ADD `oidc_subject` text;--> statement-breakpoint
CREATE UNIQUE INDEX `staff_oidc_subject_uq` ON `staff` (`oidc_subject`);