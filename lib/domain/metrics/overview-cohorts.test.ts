import { describe, expect, it } from 'vitest';
import { winbackTable } from './overview-campaigns';
import { groupCohorts } from './overview-cohorts';

const ms = (d: string) => Date.parse(`${d}T09:00:00Z`);
const campaign = (id: number, name: string, day: string, parentCampaignId: number | null = null) => ({
  id,
  name,
  sendStartedAt: ms(day),
  deadlineAt: null,
  createdAt: ms(day),
  parentCampaignId,
});
const row = (campaignId: number, variantId: number, assigned: number, wonBack: number) => ({
  campaignId,
  variantId,
  assigned,
  sent: variantId === 0 ? 0 : assigned,
  wonBack,
  wonBackSent: variantId === 0 ? 0 : wonBack,
  cancelled: 0,
  rejoined: 0,
  choseToLeave: 0,
});

describe('groupCohorts', () => {
  // Always-on definition 1 (started in January) with variant A (id 1); cohorts 2 and 3 copy it as
  // variants 2 and 3. Campaign 4 is an ordinary campaign.
  const all = [
    campaign(1, 'Daily nudge', '2025-01-01'),
    campaign(2, 'Daily nudge · cohort 2025-06-01', '2025-06-01', 1),
    campaign(4, 'Spring', '2025-06-01'),
    campaign(3, 'Daily nudge · cohort 2025-06-02', '2025-06-02', 1),
  ];
  const variants = [
    { id: 1, campaignId: 1, key: 'A', name: 'Plain' },
    { id: 2, campaignId: 2, key: 'A', name: 'Plain' },
    { id: 3, campaignId: 3, key: 'A', name: 'Plain' },
    { id: 4, campaignId: 4, key: 'A', name: 'Offer' },
  ];
  const outcomes = [row(2, 2, 10, 5), row(2, 0, 2, 1), row(3, 3, 90, 9), row(3, 0, 18, 1), row(4, 4, 50, 10), row(4, 0, 5, 0)];

  it('shows one line per always-on campaign and variant, with counts summed and the rate from the sums', () => {
    const g = groupCohorts(all.slice(1), outcomes, all, variants);
    const t = winbackTable(g.campaigns, g.outcomes, variants);
    expect(t.rows.map((r) => r.slice(0, 6))).toEqual([
      ['Daily nudge (always-on, 2 cohorts)', '2025-06-01', 'Holdout', 20, 2, 0.1],
      ['Daily nudge (always-on, 2 cohorts)', '2025-06-01', 'A: Plain', 100, 14, 0.14], // not (50% + 10%) / 2
      ['Spring', '2025-06-01', 'Holdout', 5, 0, 0],
      ['Spring', '2025-06-01', 'A: Offer', 50, 10, 0.2],
    ]);
  });

  it('shows a definition started in the range once, through its cohorts, not again as a campaign of its own', () => {
    // The demo's always-on campaign starts the day of its first cohort, so both are in the range.
    const started = [campaign(1, 'Daily nudge', '2025-06-01'), ...all.slice(1)];
    const g = groupCohorts(started, outcomes, started, variants);
    const t = winbackTable(g.campaigns, g.outcomes, variants);
    expect(g.campaigns.map((c) => c.id)).toEqual([1, 4]);
    expect(t.rows.filter((r) => r[0] === 'Daily nudge (always-on, 2 cohorts)')).toHaveLength(2); // holdout and A
  });

  it('leaves out a definition whose cohorts all start after the range', () => {
    const g = groupCohorts([campaign(1, 'Daily nudge', '2025-06-01'), all[2]!], outcomes.slice(4), all, variants);
    expect(g.campaigns.map((c) => c.id)).toEqual([4]);
  });

  it('leaves campaigns without cohorts as they are', () => {
    const g = groupCohorts([all[2]!], outcomes.slice(4), all, variants);
    expect(g.campaigns).toEqual([all[2]]);
    expect(g.outcomes).toEqual(outcomes.slice(4));
  });
});
