import { describe, expect, it } from 'vitest';
import { exclusionAtSend } from '../delivery/send-checks';
import { parseConsent } from '../members/consent';
import { draftSchema } from './draft';
import { hasEarlierSeason, nextSeasonVariant, withinAttribution } from './next-season';
import { EMPTY_SEGMENT, segmentSchema } from './segment';

const DAY = 86_400_000;
const SENT = Date.UTC(2026, 0, 10, 12);

describe('next-season rules', () => {
  it('attributes a rejoin up to 60 days after the message, not a millisecond later, nor one before it', () => {
    expect(withinAttribution(SENT, SENT)).toBe(true);
    expect(withinAttribution(SENT, SENT + 60 * DAY)).toBe(true);
    expect(withinAttribution(SENT, SENT + 60 * DAY + 1)).toBe(false);
    expect(withinAttribution(SENT, SENT + 61 * DAY)).toBe(false);
    expect(withinAttribution(SENT, SENT - 1)).toBe(false);
  });

  it('offers a win-back only for a season with an earlier one of the same series', () => {
    const cat = [
      { id: 1, name: 'A1', series: 'A', season: 1 },
      { id: 2, name: 'A2', series: 'A', season: 2 },
      { id: 3, name: 'B2', series: 'B', season: 2 },
      { id: 4, name: 'Film', series: null, season: null },
    ];
    expect(cat.map((t) => hasEarlierSeason(t, cat))).toEqual([false, true, false, false]);
  });

  it('reads the import consent cell: blank is yes, no opts out, anything else is refused', () => {
    expect(parseConsent('')).toEqual({ ok: true, value: true });
    expect(parseConsent(' Yes ')).toEqual({ ok: true, value: true });
    expect(parseConsent('no')).toEqual({ ok: true, value: false });
    expect(parseConsent('0')).toEqual({ ok: true, value: false });
    expect(parseConsent('maybe')).toMatchObject({ ok: false });
  });

  it('sends a win-back only to a recipient still cancelled and consenting; a last-chance message never to a cancelled one', () => {
    const base = { suppressed: 0, memberStatus: 'cancelled', lastViewedAt: null, assignedAt: SENT };
    expect(exclusionAtSend({ ...base, winBack: 1, winbackConsent: 1 })).toBeNull();
    expect(exclusionAtSend({ ...base, winBack: 1, winbackConsent: 0 })).toBe('no_consent');
    expect(exclusionAtSend({ ...base, memberStatus: 'active', winBack: 1, winbackConsent: 1 })).toBe('rejoined_before_send');
    expect(exclusionAtSend({ ...base, suppressed: 1, winBack: 1, winbackConsent: 1 })).toBe('suppressed');
    expect(exclusionAtSend({ ...base, winBack: 0, winbackConsent: 1 })).toBe('cancelled_before_send');
  });

  it('refuses a keep link in a win-back and dormancy filters beside it', () => {
    const segment = { ...EMPTY_SEGMENT, nextSeasonTitleId: 5 };
    const variant = nextSeasonVariant('Saga', 2);
    const d = { name: 'x', channel: 'email', holdoutPct: 10, segment, variants: [variant] };
    expect(draftSchema.safeParse(d).success).toBe(true);
    const withKeep = { ...d, variants: [{ ...variant, bodyTemplate: `${variant.bodyTemplate} {{keep_link}}` }] };
    expect(draftSchema.safeParse(withKeep).error?.issues[0]?.message).toMatch(/remove \{\{keep_link\}\}/);
    expect(segmentSchema.safeParse({ ...segment, reasons: ['inactive'] }).success).toBe(false);
  });
});
