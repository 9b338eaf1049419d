import type { Actor } from '@/db/audit';
import { getCampaign } from '@/db/campaigns';
import { runUnitOfWork } from '@/db/unit-of-work';
import { createDraft } from '@/lib/campaigns/drafts';
import { type ScheduleInput, scheduleCampaign } from '@/lib/campaigns/schedule';
import { DEFAULT_VARIANTS } from '@/lib/domain/campaigns/draft';
import { formValuesOf } from '@/lib/domain/campaigns/form';
import { EMPTY_SEGMENT, parseSegment } from '@/lib/domain/campaigns/segment';
import { signKeepToken } from '@/lib/keep/keep-token';
import { config } from '@/lib/runtime/config';
import { getSqlite } from '@/lib/testing/db';
import type { ActionMatrixEntry } from './types';

// Campaign rows of the role matrix. Each validInput builds its own dormant members in a country
// of their own, so earlier calls (which queue members into running campaigns) never empty it.

const EDITORS = ['admin', 'cx_manager'] as const;
const DAY = 86_400_000;
let n = 0;

function freshCountry(): string {
  const sqlite = getSqlite();
  if (!sqlite.prepare('SELECT 1 FROM policy_versions LIMIT 1').get())
    sqlite.exec(`INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at)
                 VALUES (365, 730, 30, 300, 'system', 0)`);
  const i = n++;
  const country = `Q${String.fromCharCode(65 + (i % 26))}`;
  const ins = sqlite.prepare(
    `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at,
       status, status_changed_at, dormant_reason, dormant_since)
     VALUES (?, ?, 'Matrix Member', ?, 'standard', 999, 'EUR', 0, ?, 'dormant', 0, 'inactive', 0)`,
  );
  for (let k = 0; k < 20; k++)
    ins.run(`CMX-${process.pid}-${i}-${k}`, `cmx-${i}-${k}@example.test`, country, Date.now() - 800 * DAY);
  return country;
}

const formFor = (country: string, extra: Record<string, string> = {}) => ({
  ...formValuesOf({
    name: `Matrix ${country}`,
    channel: 'email',
    defaultLanguage: 'en',
    holdoutPct: 10,
    segment: { ...EMPTY_SEGMENT, countries: [country] },
    variants: DEFAULT_VARIANTS,
  }),
  ...extra,
});

function draft(staffId: number) {
  const country = freshCountry();
  const d = {
    name: 'Matrix',
    channel: 'email' as const,
    defaultLanguage: 'en',
    holdoutPct: 10,
    segment: { ...EMPTY_SEGMENT, countries: [country] },
    variants: DEFAULT_VARIANTS,
  };
  return runUnitOfWork(getSqlite(), matrixActor(staffId), Date.now(), (uow) => createDraft(uow, d, 1));
}

const matrixActor = (staffId: number): Actor => ({ id: staffId, label: 'matrix' });
const schedule = (staffId: number, id: number, input: ScheduleInput) =>
  runUnitOfWork(getSqlite(), matrixActor(staffId), Date.now(), (uow) => scheduleCampaign(uow, id, input));

export const actions: ActionMatrixEntry[] = [
  { action: 'campaigns.countSegment', allowed: EDITORS, validInput: () => formFor(freshCountry()) },
  { action: 'campaigns.create', allowed: EDITORS, validInput: () => formFor(freshCountry()) },
  {
    action: 'campaigns.update',
    allowed: EDITORS,
    validInput: ({ staffId }) => {
      const id = draft(staffId);
      const c = getCampaign(getSqlite(), id)!;
      return formFor(parseSegment(c.segment).countries[0]!, { id: String(id), name: 'Renamed' });
    },
  },
  {
    action: 'campaigns.schedule',
    allowed: EDITORS,
    validInput: ({ staffId }) => ({ id: String(draft(staffId)), sendAt: '2999-01-01T00:00', deadlineAt: '' }),
  },
  {
    action: 'campaigns.sendNow',
    allowed: EDITORS,
    validInput: ({ staffId }) => {
      const id = draft(staffId);
      schedule(staffId, id, { sendAt: Date.now() + DAY, deadlineAt: null });
      return { id };
    },
  },
  { action: 'campaigns.cancel', allowed: EDITORS, validInput: ({ staffId }) => ({ id: draft(staffId) }) },
  {
    action: 'keep.confirm',
    allowed: 'public',
    validInput: ({ staffId }) => {
      const sqlite = getSqlite();
      const id = draft(staffId);
      schedule(staffId, id, { sendAt: null, deadlineAt: null });
      const r = sqlite
        .prepare(`SELECT cm.id, c.deadline_at AS d FROM campaign_members cm JOIN campaigns c ON c.id = cm.campaign_id
                  WHERE cm.campaign_id = ? AND cm.status = 'queued' LIMIT 1`)
        .get(id) as { id: number; d: number };
      return { token: signKeepToken(r.id, r.d, config().KEEP_LINK_SECRET) };
    },
  },
];

export const routes = [];
