import { expect, test } from '@playwright/test';
import { byEmail, CYCLE_JOBS, countBy, cycleServer, DAY, isBatchMail, utcDay } from './cycle-server';

// Thirty-five days of the daily cycle on the production build, scheduler and sender on, a real SMTP
// server, the app clock moved one day at a time. Members (in a country the demo seed does not use)
// stop watching at known dates; inserted active, the day's scan classifies them, and an always-on
// campaign started in the UI enrols them in that day's cohort. Messages arrive at the SMTP server,
// each cohort closes 7 days later (the policy's response window) with its batch, a CX manager
// submits the batches, each approver is emailed once per batch. Then the server is killed with
// SIGKILL in the middle of a day's cycle and restarted: the day finishes once.

const server = cycleServer(Number(process.env.E2E_PORT || 3100) + 50);
const HOUR = 3_600_000;
const COUNTRY = 'MT';
const RESPONSE_DAYS = 7;
/** Days (from the first) on which members cross the inactivity threshold; 36 is the day of the kill. */
const NEW_DORMANT_DAYS = [0, 1, 2, 4, 7, 11, 16, 22, 27, 29, 36];
const groupSize = (d: number) => (d === 0 ? 6 : 4);
const LAST_DAY = 35;
const APPROVERS = ['admin@rekindle.local', 'approver2@rekindle.local', 'approver@rekindle.local'];

// The first day starts at noon UTC tomorrow (app clock), so a test running across midnight stays on its day.
const T0 = Math.floor(Date.now() / DAY) * DAY + DAY + 12 * HOUR;
const offset0 = T0 - Date.now();
const dayN = (n: number) => utcDay(T0 + n * DAY);
const indexOf = (day: string) => Math.round((Date.parse(`${day}T12:00:00Z`) - T0) / DAY);
const address = (d: number, i: number) => `c35-d${d}-${i}@example.test`;
let campaignId = 0;

test.use({ storageState: { cookies: [], origins: [] } });
test.describe.configure({ mode: 'serial' });
const runsOf = (day: string) =>
  server.withDb(
    (db) =>
      db.prepare("SELECT job, status, attempt FROM cycle_runs WHERE trigger = 'schedule' AND day = ? ORDER BY id").all(day) as {
        job: string;
        status: string;
        attempt: number;
      }[],
  );
const doneJobs = (day: string) => runsOf(day).filter((r) => r.status === 'done').length;

/** Every recipient of the campaign's cohorts: address, cohort day, whether held out, delivery status. */
const recipients = () =>
  server.withDb(
    (db) =>
      db
        .prepare(
          `SELECT m.email, c.cohort_day AS day, cm.variant_id IS NULL AS holdout, cm.status
             FROM campaign_members cm JOIN campaigns c ON c.id = cm.campaign_id JOIN members m ON m.id = cm.member_id
            WHERE c.parent_campaign_id = ? ORDER BY m.email`,
        )
        .all(campaignId) as { email: string; day: string; holdout: 0 | 1; status: string }[],
  );
const cohorts = () =>
  server.withDb(
    (db) =>
      db
        .prepare(
          `SELECT c.id, c.cohort_day AS day, c.status, c.closed_at AS closedAt,
                  (SELECT count(*) FROM batches b WHERE b.campaign_id = c.id) AS batches,
                  (SELECT count(*) FROM campaign_members cm WHERE cm.campaign_id = c.id AND cm.variant_id IS NOT NULL) AS treated
             FROM campaigns c WHERE c.parent_campaign_id = ? ORDER BY c.cohort_day`,
        )
        .all(campaignId) as {
        id: number;
        day: string;
        status: string;
        closedAt: number | null;
        batches: number;
        treated: number;
      }[],
  );
const mailsTo = (prefix: string) => server.mails().filter((m) => m.to.some((t) => t.startsWith(prefix)));
const batchMails = (kind: 'notice' | 'reminder') => server.mails().filter((m) => isBatchMail(m, kind));

async function waitForDay(n: number, timeout = 30_000) {
  await expect.poll(() => doneJobs(dayN(n)), { timeout, message: `day ${n} (${dayN(n)}) finished` }).toBe(CYCLE_JOBS.length);
}
/**
 * The sender delivered the day's cohort: a message at the sink for each of its treated (non-holdout)
 * members. Days on which members become dormant always enrol someone; other days may re-enrol members
 * a closed cohort held out, and are delivered asynchronously all the same.
 */
async function waitForSends(d: number, enrols = NEW_DORMANT_DAYS.includes(d)) {
  // On a day that enrols (treated or held out), wait to see the cohort before deciding that nobody is
  // to be messaged, so a slow enrolment is not taken for an all-holdout cohort.
  if (enrols)
    await expect
      .poll(() => recipients().some((r) => r.day === dayN(d)), { timeout: 30_000, message: `day ${d}'s cohort enrolled` })
      .toBe(true);
  const treated = recipients()
    .filter((r) => r.day === dayN(d) && !r.holdout)
    .map((r) => r.email);
  if (treated.length === 0) return; // everyone drawn into the holdout: nothing to deliver
  await expect
    .poll(() => treated.filter((t) => !countBy(mailsTo(t)).get(t)), { timeout: 30_000, message: `day ${d}'s cohort delivered` })
    .toEqual([]);
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  await server.prepare();
  server.withDb((db) => {
    // A short response window, so cohorts close within the 35 days (a new policy version, as the policy page saves it).
    db.prepare(
      `INSERT INTO policy_versions (never_watched_days, inactive_days, response_days, retention_days, created_by, created_at, note)
       SELECT never_watched_days, inactive_days, ?, retention_days, 'admin@rekindle.local', ?, 'e2e: 7-day response window'
         FROM policy_versions ORDER BY id DESC LIMIT 1`,
    ).run(RESPONSE_DAYS, T0 - DAY);
    const { inactive } = db.prepare('SELECT inactive_days AS inactive FROM policy_versions ORDER BY id DESC LIMIT 1').get() as {
      inactive: number;
    };
    // Active members whose last view makes them dormant an hour before day d's cycle: the scan classifies them.
    const ins = db.prepare(
      `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at, last_viewed_at, status, status_changed_at)
       VALUES (?, ?, 'Mara Test', ?, 'standard', 1299, 'EUR', ?, ?, 'active', ?)`,
    );
    for (const d of NEW_DORMANT_DAYS)
      for (let i = 0; i < groupSize(d); i++)
        ins.run(`c35-d${d}-${i}`, address(d, i), COUNTRY, T0 - 1500 * DAY, T0 - inactive * DAY + d * DAY - HOUR, T0 - 1500 * DAY);
  });
  server.setClockOffset(offset0);
  await server.start();
  await waitForDay(0, 60_000);
});

test.afterAll(async () => {
  await server.stop();
  server.stopSink();
});

test('35 days: daily enrolment, messages at the SMTP server, cohorts closing at their deadline with a batch each, approvers emailed once per batch, every run on Operations', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const cx = await server.signedIn(browser, 'cx@rekindle.local');
  await cx.goto('/campaigns/new');
  await cx.getByLabel('Campaign name').fill('35 days in Malta');
  await cx.getByRole('checkbox', { name: COUNTRY }).check();
  await expect(cx.getByTestId('segment-count')).toContainText(`${groupSize(0)} member`);
  await cx.getByLabel('Holdout (%)').fill('20');
  await cx.getByRole('checkbox', { name: /Always on/ }).check();
  await cx.getByRole('button', { name: 'Save draft' }).click();
  await expect(cx).toHaveURL(/\/campaigns\/\d+$/);
  campaignId = Number(new URL(cx.url()).pathname.split('/').pop());
  await cx.getByRole('button', { name: 'Start always-on campaign' }).click();
  await expect(cx.getByTestId(`cohort-${dayN(0)}`)).toBeVisible();
  await waitForSends(0);

  for (let n = 1; n <= LAST_DAY; n++) {
    server.setClockOffset(offset0 + n * DAY);
    await waitForDay(n);
    await waitForSends(n);
  }

  // Each member's first enrolment is in the cohort of the day they became dormant, every such day has one.
  const enrolDays = NEW_DORMANT_DAYS.filter((d) => d <= LAST_DAY);
  const rows = recipients();
  const byMember = byEmail(rows);
  const closedOn = new Map(cohorts().map((c) => [c.day, c.closedAt ?? Number.NaN]));
  expect([...byMember.keys()].sort()).toEqual(
    enrolDays.flatMap((d) => Array.from({ length: groupSize(d) }, (_, i) => address(d, i))).sort(),
  );
  for (const [email, enrolments] of byMember) {
    const days = enrolments.map((e) => indexOf(e.day)).sort((a, b) => a - b);
    expect(days[0], email).toBe(Number(/-d(\d+)-/.exec(email)![1]));
    // Enrolled again only after being held out, once that cohort had closed (a held-out member is
    // never messaged by it, so a later cohort gives them their last chance): the day it closed, when
    // the sender's housekeeping pass closed it before the day's enrolment, else the day after.
    for (let i = 1; i < days.length; i++) {
      expect(enrolments.find((e) => indexOf(e.day) === days[i - 1])!.holdout, email).toBe(1);
      const closed = indexOf(utcDay(closedOn.get(dayN(days[i - 1]!))!));
      expect(closed, email).toBe(days[i - 1]! + RESPONSE_DAYS);
      expect([closed, closed + 1], email).toContain(days[i]);
    }
    expect(enrolments.filter((e) => !e.holdout).length, email).toBeLessThanOrEqual(1);
  }
  expect(rows.some((r) => r.holdout)).toBe(true);
  // Cohorts exist on exactly the days someone was enrolled; one message per treated member, none to the holdout.
  expect(cohorts().map((c) => c.day)).toEqual([...new Set(rows.map((r) => r.day))].sort());
  const got = countBy(mailsTo('c35-'));
  for (const [email, enrolments] of byMember)
    expect(got.get(email) ?? 0, email).toBe(enrolments.filter((e) => !e.holdout).length);

  // Each cohort closed on its deadline's day, with one batch when it messaged anyone; later ones are open.
  for (const c of cohorts()) {
    const n = indexOf(c.day);
    if (n + RESPONSE_DAYS <= LAST_DAY) {
      expect(c.status, c.day).toBe('closed');
      expect(utcDay(c.closedAt!), c.day).toBe(dayN(n + RESPONSE_DAYS));
      expect(c.batches, c.day).toBe(c.treated > 0 ? 1 : 0);
    } else {
      expect(c.status, c.day).not.toBe('closed');
      expect(c.batches, c.day).toBe(0);
    }
  }

  // A CX manager submits every batch in the UI; each approver gets exactly one email per batch.
  const batchIds = server
    .withDb(
      (db) =>
        db
          .prepare(
            'SELECT b.id FROM batches b JOIN campaigns c ON c.id = b.campaign_id WHERE c.parent_campaign_id = ? ORDER BY b.id',
          )
          .all(campaignId) as { id: number }[],
    )
    .map((b) => b.id);
  expect(batchIds).toHaveLength(cohorts().filter((c) => c.status === 'closed' && c.treated > 0).length);
  const cxNow = await server.signedIn(browser, 'cx@rekindle.local');
  for (const id of batchIds) {
    await cxNow.goto(`/batches/${id}`);
    await cxNow.getByRole('button', { name: 'Submit for approval' }).click();
    await expect(cxNow.getByRole('status').filter({ hasText: 'Submitted for approval' })).toBeVisible();
  }
  const noticesOf = (id: number) =>
    batchMails('notice')
      .filter((m) => m.subject.startsWith(`Batch #${id} (`))
      .flatMap((m) => m.to)
      .sort();
  for (const id of batchIds) await expect.poll(() => noticesOf(id), { timeout: 30_000 }).toEqual(APPROVERS);

  // Every day's eight jobs ran once and succeeded; the Operations page lists each day.
  const days = Array.from({ length: LAST_DAY + 1 }, (_, n) => dayN(n));
  const all = days.flatMap(runsOf);
  expect(all.filter((r) => r.status === 'done')).toHaveLength(days.length * CYCLE_JOBS.length);
  expect(all).toHaveLength(days.length * CYCLE_JOBS.length);
  const admin = await server.signedIn(browser, 'admin@rekindle.local');
  await admin.goto('/operations');
  const history = admin.getByRole('table', { name: 'Days of the daily cycle, newest first' });
  for (const d of days)
    await expect(history.getByRole('row', { name: new RegExp(`^${d} `) })).toContainText(
      `All ${CYCLE_JOBS.length} jobs succeeded`,
    );
  const firstCohort = admin.getByRole('row', { name: new RegExp(`^${dayN(0)} 35 days in Malta`) });
  await expect(firstCohort.getByRole('cell').nth(2)).toHaveText(String(groupSize(0)));
  await admin.screenshot({ path: 'test-results/operations-35-days.png', fullPage: true });
});

test('killed with SIGKILL in the middle of a day, the restarted server finishes that day exactly once', async () => {
  test.setTimeout(240_000);
  // Day 36 has work in every part: members newly dormant to enrol, the day-29 cohort to close with its
  // batch, and the submitted batches waiting more than a day for a reminder to each approver.
  const day = dayN(LAST_DAY + 1);
  server.setClockOffset(offset0 + (LAST_DAY + 1) * DAY);
  // Kill while a job after the scan is running (claimed, not finished): one connection polled
  // without pause, and the SIGKILL sent in the same synchronous step that saw the running job, since
  // on this small database each job takes milliseconds.
  let exited: Promise<unknown> = Promise.resolve();
  const interrupted = server.withDb((db) => {
    const running = db.prepare(
      "SELECT job FROM cycle_runs WHERE trigger = 'schedule' AND day = ? AND status = 'running' AND job <> 'dormancy-scan'",
    );
    const until = Date.now() + 30_000;
    for (;;) {
      const r = running.get(day) as { job: string } | undefined;
      if (r) exited = server.stop('SIGKILL');
      if (r || Date.now() > until) return r?.job;
    }
  });
  if (!interrupted) await server.stop('SIGKILL');
  await exited;
  test.info().annotations.push({ type: 'state at the kill', description: JSON.stringify(runsOf(day)) });
  expect(interrupted, 'the kill came while a job of the day was running').toBeDefined();
  expect(doneJobs(day), 'the kill left the day unfinished').toBeLessThan(CYCLE_JOBS.length);

  await server.start();
  // The dead process's lease (60 s, wall clock) expires before another process takes its run over.
  await waitForDay(LAST_DAY + 1, 120_000);
  await waitForSends(36);

  const runs = runsOf(day);
  expect(runs.map((r) => r.job)).toEqual(CYCLE_JOBS);
  expect(runs.every((r) => r.status === 'done')).toBe(true);
  // The interrupted run was taken over (its second attempt), every other one ran once.
  expect(runs.map((r) => r.attempt)).toEqual(CYCLE_JOBS.map((j) => (j === interrupted ? 2 : 1)));
  // Nobody enrolled twice, one cohort for the day, the day-29 cohort closed with one batch.
  const rows = recipients();
  expect(new Set(rows.map((r) => `${r.email} ${r.day}`)).size).toBe(rows.length);
  for (const [email, enrolments] of byEmail(rows))
    expect(enrolments.filter((e) => !e.holdout).length, email).toBeLessThanOrEqual(1);
  expect(rows.filter((r) => r.email.startsWith('c35-d36-')).map((r) => r.day)).toEqual(Array(groupSize(36)).fill(day));
  const byDay = new Map(cohorts().map((c) => [c.day, c]));
  expect(byDay.get(day)).toBeDefined();
  expect(byDay.get(dayN(29))).toMatchObject({ status: 'closed', batches: 1 });
  expect(utcDay(byDay.get(dayN(29))!.closedAt!)).toBe(day);
  // No member messaged twice; every message the database counts as sent reached the SMTP server.
  const got = countBy(mailsTo('c35-'));
  expect([...got.values()].every((n) => n === 1)).toBe(true);
  expect(got.size).toBe(rows.filter((r) => r.status === 'sent').length);
  // Each approver: one notice and one reminder per submitted batch, whatever the kill interrupted.
  const submitted = server
    .withDb(
      (db) =>
        db
          .prepare(
            `SELECT b.id FROM batches b JOIN campaigns c ON c.id = b.campaign_id
            WHERE c.parent_campaign_id = ? AND b.status = 'submitted' ORDER BY b.id`,
          )
          .all(campaignId) as { id: number }[],
    )
    .map((b) => b.id);
  expect(submitted.length).toBeGreaterThan(0);
  const remindersOf = (id: number) =>
    batchMails('reminder')
      .filter((m) => m.subject.startsWith(`Reminder: batch #${id} (`))
      .flatMap((m) => m.to)
      .sort();
  for (const id of submitted) {
    await expect.poll(() => remindersOf(id), { timeout: 30_000 }).toEqual(APPROVERS);
    expect(batchMails('notice').filter((m) => m.subject.startsWith(`Batch #${id} (`))).toHaveLength(APPROVERS.length);
  }
});
