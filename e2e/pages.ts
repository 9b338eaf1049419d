import { expect, type Page } from '@playwright/test';
import type Database from 'better-sqlite3';

// Every signed-in page, with the roles that may open it (lib/domain/roles.ts), for the accessibility
// and phone-width specs. Record pages are the seeded demo's (e2e/demo-server.ts): the newest of each kind.

export type Who = 'admin' | 'cx' | 'approver' | 'exec';
export const ROLES: Who[] = ['admin', 'cx', 'approver', 'exec'];
const ALL = ROLES;
const STAFF: Who[] = ['admin', 'cx', 'approver']; // members.view, operations.view

export const EMAIL: Record<Who, string> = {
  admin: 'admin@rekindle.local',
  cx: 'cx@rekindle.local',
  approver: 'approver@rekindle.local',
  exec: 'exec@rekindle.local',
};

export type SignedInPage = { name: string; path: string; roles: Who[] };

type WithDb = <T>(fn: (db: Database.Database) => T) => T;

export function signedInPages(withDb: WithDb): SignedInPage[] {
  const one = (sql: string) =>
    withDb((db) => {
      const row = db.prepare(sql).get() as { id: number } | undefined;
      if (!row) throw new Error(`the demo database has no row for: ${sql}`);
      return row.id;
    });
  const report = one(
    `SELECT id FROM campaigns WHERE always_on = 0 AND parent_campaign_id IS NULL AND status IN ('awaiting_responses', 'closed') ORDER BY id DESC LIMIT 1`,
  );
  const alwaysOn = one(`SELECT id FROM campaigns WHERE always_on = 1 AND status != 'draft' ORDER BY id DESC LIMIT 1`);
  const cohort = one(`SELECT id FROM campaigns WHERE parent_campaign_id IS NOT NULL ORDER BY id DESC LIMIT 1`);
  const batch = one(`SELECT id FROM batches ORDER BY id DESC LIMIT 1`);
  const member = one(`SELECT member_id AS id FROM campaign_members ORDER BY id DESC LIMIT 1`);
  return [
    { name: 'home', path: '/', roles: STAFF },
    { name: 'overview', path: '/overview', roles: ALL },
    { name: 'simulator', path: '/overview/simulator', roles: ['admin', 'exec'] },
    { name: 'members', path: '/members', roles: STAFF },
    { name: 'member page', path: `/members/${member}`, roles: STAFF },
    { name: 'at risk', path: '/risk', roles: STAFF },
    { name: 'campaigns', path: '/campaigns', roles: ALL },
    { name: 'catalogue', path: '/catalogue', roles: ALL },
    { name: 'new campaign', path: '/campaigns/new', roles: ['admin', 'cx'] },
    { name: 'campaign report', path: `/campaigns/${report}`, roles: ALL },
    { name: 'always-on campaign', path: `/campaigns/${alwaysOn}`, roles: ALL },
    { name: 'always-on cohort', path: `/campaigns/${cohort}`, roles: ALL },
    { name: 'outbox', path: `/campaigns/${report}/outbox`, roles: STAFF },
    { name: 'suppression', path: '/campaigns/suppression', roles: STAFF },
    { name: 'batches', path: '/batches', roles: ALL },
    { name: 'batch', path: `/batches/${batch}`, roles: ALL },
    { name: 'import', path: '/import', roles: ['admin', 'cx'] },
    { name: 'policy', path: '/policy', roles: ALL },
    { name: 'operations', path: '/operations', roles: STAFF },
    { name: 'audit', path: '/audit', roles: ['admin'] },
    { name: 'staff', path: '/staff', roles: ['admin'] },
  ];
}

/** Opens a page and waits for what renders after load: the charts (client-only) and any table disclosures, opened. */
export async function openFully(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} answers 200`).toBe(200);
  await expect(page.locator('main h1').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  // The chart skeletons (aria-hidden placeholders) give way to the charts.
  await expect(page.locator('main .animate-pulse')).toHaveCount(0);
  const summaries = page.locator('main details:not([open]) > summary');
  for (let n = await summaries.count(); n > 0; n--) await summaries.first().click();
}
