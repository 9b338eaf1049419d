-- Members' language from their country, as lib/domain/members/language.ts COUNTRY_LANGUAGE says
-- (English elsewhere). Only members still on the column's default are set: a language given by the
-- import or the API is kept. Custom migration (data, and the segment index below).
UPDATE `members` SET `language` = CASE `country`
    WHEN 'US' THEN 'en'
    WHEN 'GB' THEN 'en'
    WHEN 'CA' THEN 'en'
    WHEN 'AU' THEN 'en'
    WHEN 'NZ' THEN 'en'
    WHEN 'IE' THEN 'en'
    WHEN 'ZA' THEN 'en'
    WHEN 'IN' THEN 'hi'
    WHEN 'BR' THEN 'pt-BR'
    WHEN 'PT' THEN 'pt-PT'
    WHEN 'DE' THEN 'de'
    WHEN 'AT' THEN 'de'
    WHEN 'CH' THEN 'de'
    WHEN 'FR' THEN 'fr'
    WHEN 'BE' THEN 'fr'
    WHEN 'LU' THEN 'fr'
    WHEN 'ES' THEN 'es'
    WHEN 'MX' THEN 'es'
    WHEN 'AR' THEN 'es'
    WHEN 'CO' THEN 'es'
    WHEN 'CL' THEN 'es'
    WHEN 'PE' THEN 'es'
    WHEN 'IT' THEN 'it'
    WHEN 'JP' THEN 'ja'
    WHEN 'KR' THEN 'ko'
    WHEN 'NL' THEN 'nl'
    WHEN 'SE' THEN 'sv'
    WHEN 'NO' THEN 'nb'
    WHEN 'DK' THEN 'da'
    WHEN 'FI' THEN 'fi'
    WHEN 'PL' THEN 'pl'
    WHEN 'TR' THEN 'tr'
    ELSE 'en' END
  WHERE `language` = 'en';--> statement-breakpoint
-- Custom (like 0002/0004/0008): the segment index also carries language, so the live count with a
-- language filter and the recipients-per-language breakdown read this index alone (db/segments.ts).
DROP INDEX IF EXISTS `members_segment_idx`;--> statement-breakpoint
CREATE INDEX `members_segment_idx` ON `members` (`country`,`plan`,`dormant_reason`,`last_viewed_at`,`joined_at`,`currency`,`price_minor`,`last_contacted_at`,`email`,`running_campaign_id`,`language`) WHERE `status` = 'dormant';
