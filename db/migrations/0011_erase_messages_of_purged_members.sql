-- Custom (data only): members purged or erased before erasure reached their messages still had
-- their address, name and rendered text in `messages`. Erased once here, as db/retention.sql.ts
-- erases them from now on (same placeholder text as ERASED_MESSAGE there; decision 018).
UPDATE `messages` SET
  `to_address` = NULL,
  `subject` = 'Erased',
  `body_html` = '<p>This message held the member’s personal data and was erased.</p>',
  `body_text` = 'This message held the member’s personal data and was erased.',
  `server_response` = replace(`server_response`, coalesce(`to_address`, ''), '[erased]')
WHERE `campaign_member_id` IN (
  SELECT cm.`id` FROM `members` m JOIN `campaign_members` cm ON cm.`member_id` = m.`id` WHERE m.`purged_at` IS NOT NULL
);
