import { runUnitOfWork } from '@/db/unit-of-work';
import { commandAlwaysOn, startAlwaysOn } from '@/lib/campaigns/always-on';
import { createDraft } from '@/lib/campaigns/drafts';
import { DEFAULT_VARIANTS } from '@/lib/domain/campaigns/draft';
import { EMPTY_SEGMENT } from '@/lib/domain/campaigns/segment';
import { getSqlite } from '@/lib/testing/db';
import type { ActionMatrixEntry } from './types';

// Always-on rows of the role matrix. Each validInput makes its own always-on campaign over dormant
// members in a country of their own, in the state the action needs.

const EDITORS = ['admin', 'cx_manager'] as const;
const DAY = 86_400_000;
let n = 0;

function alwaysOn(staffId: number, state: 'draft' | 'enrolling' | 'enrolment_paused') {
  const sqlite = getSqlite();
  if (!sqlite.prepare('SELECT 1 FROM policy_versions LIMIT 1').get())
    sqlite.exec(`INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at)
                 VALUES (365, 730, 30, 300, 'system', 0)`);
  const i = n++;
  const country = `${i % 52 < 26 ? 'W' : 'V'}${String.fromCharCode(65 + (i % 26))}`;
  const ins = sqlite.prepare(
    `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at,
       status, status_changed_at, dormant_reason, dormant_since)
     VALUES (?, ?, 'Matrix Member', ?, 'standard', 999, 'EUR', 0, ?, 'dormant', 0, 'inactive', 0)`,
  );
  for (let k = 0; k < 20; k++)
    ins.run(`AOX-${process.pid}-${n}-${k}`, `aox-${n}-${k}@example.test`, country, Date.now() - 800 * DAY);
  const d = {
    name: 'Matrix always-on',
    channel: 'email' as const,
    defaultLanguage: 'en',
    holdoutPct: 10,
    segment: { ...EMPTY_SEGMENT, countries: [country] },
    variants: DEFAULT_VARIANTS,
  };
  const actor = { id: staffId, label: 'matrix' };
  const id = runUnitOfWork(sqlite, actor, Date.now(), (uow) => createDraft(uow, d, 7, true));
  if (state !== 'draft') runUnitOfWork(sqlite, actor, Date.now(), (uow) => startAlwaysOn(uow, id));
  if (state === 'enrolment_paused') runUnitOfWork(sqlite, actor, Date.now(), (uow) => commandAlwaysOn(uow, id, 'pause'));
  return id;
}

export const actions: ActionMatrixEntry[] = [
  { action: 'campaigns.alwaysOn.start', allowed: EDITORS, validInput: ({ staffId }) => ({ id: alwaysOn(staffId, 'draft') }) },
  {
    action: 'campaigns.alwaysOn.enrolToday',
    allowed: EDITORS,
    validInput: ({ staffId }) => ({ id: alwaysOn(staffId, 'enrolling') }),
  },
  { action: 'campaigns.alwaysOn.pause', allowed: EDITORS, validInput: ({ staffId }) => ({ id: alwaysOn(staffId, 'enrolling') }) },
  {
    action: 'campaigns.alwaysOn.resume',
    allowed: EDITORS,
    validInput: ({ staffId }) => ({ id: alwaysOn(staffId, 'enrolment_paused') }),
  },
  { action: 'campaigns.alwaysOn.end', allowed: EDITORS, validInput: ({ staffId }) => ({ id: alwaysOn(staffId, 'enrolling') }) },
];

export const routes = [];
