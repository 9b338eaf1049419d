CREATE TABLE `staff_notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`staff_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`created_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`lease_until` integer,
	`sent_at` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_notices_uq` ON `staff_notices` (`batch_id`,`staff_id`,`kind`);--> statement-breakpoint
CREATE INDEX `staff_notices_due_idx` ON `staff_notices` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `staff_notices_staff_idx` ON `staff_notices` (`staff_id`,`created_at`);