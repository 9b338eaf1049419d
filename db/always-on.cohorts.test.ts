import { expect, it } from 'vitest';
import { insertCampaign, insertRecipient } from '@/lib/testing/batches/fixtures';
import { getSqlite } from '@/lib/testing/db';
import { recentCohorts } from './always-on';

it('the Operations page’s cohorts carry their always-on campaign’s name and their own member counts', () => {
  const sqlite = getSqlite();
  const parent = insertCampaign(sqlite, { name: 'Always on: Germany' });
  const cohort = (day: string, members: number) => {
    const id = insertCampaign(sqlite, { name: `Always on: Germany ${day}` });
    sqlite.prepare('UPDATE campaigns SET parent_campaign_id = ?, cohort_day = ? WHERE id = ?').run(parent, day, id);
    for (let i = 0; i < members; i++) insertRecipient(sqlite, id, { accountId: `AO-${day}-${i}` });
    return id;
  };
  const first = cohort('2026-03-01', 6);
  const second = cohort('2026-03-02', 3);
  insertCampaign(sqlite, { name: 'A one-off campaign' });

  expect(recentCohorts(sqlite)).toEqual([
    {
      campaignId: second,
      parentId: parent,
      campaign: 'Always on: Germany',
      day: '2026-03-02',
      status: 'awaiting_responses',
      enrolled: 3,
    },
    {
      campaignId: first,
      parentId: parent,
      campaign: 'Always on: Germany',
      day: '2026-03-01',
      status: 'awaiting_responses',
      enrolled: 6,
    },
  ]);
});
