import { expect, test } from '@playwright/test';
import { signIn, withDb } from './helpers';

// Titles chosen for the member: a CX manager previews a message with {{recommended_titles}} for a real
// member of the segment after the catalogue (POST /api/titles) adds the next season of what they watched.

const KEY = { authorization: 'Bearer e2e-api-key' };

const watchedNames = (memberId: number) =>
  withDb(
    (db) =>
      db
        .prepare(
          `SELECT DISTINCT t.name FROM (SELECT title_id FROM viewing_events WHERE member_id = @m
           UNION ALL SELECT title_id FROM viewing_events_recent WHERE member_id = @m) v JOIN titles t ON t.id = v.title_id`,
        )
        .pluck()
        .all({ m: memberId }) as string[],
  );

const lastTitle = (memberId: number) =>
  withDb(
    (db) =>
      (db
        .prepare(
          `SELECT t.name FROM (SELECT title_id, watched_at FROM viewing_events WHERE member_id = @m
             UNION ALL SELECT title_id, watched_at FROM viewing_events_recent WHERE member_id = @m) v
           JOIN titles t ON t.id = v.title_id ORDER BY v.watched_at DESC LIMIT 1`,
        )
        .pluck()
        .get({ m: memberId }) as string | undefined) ?? '',
  );

test.describe
  .serial('recommended titles and the next season', () => {
    test.beforeEach(({ page }) => signIn(page, 'cx@rekindle.local'));

    test('the preview shows three titles chosen for a real member, the new season of their series first, none watched', async ({
      page,
      request,
    }) => {
      // Earlier specs' campaigns hold the seed's dormant members: a dormant (inactive) US member with
      // three views of catalogue titles is added, and the segment narrowed to the US and that reason,
      // so the preview has a sample with a viewing history whatever ran before.
      const sampleMember = withDb((db) => {
        const DAY = 86_400_000;
        const last = Date.now() - 800 * DAY;
        const titles = db.prepare('SELECT id FROM titles ORDER BY id LIMIT 3').pluck().all() as number[];
        const id = Number(
          db
            .prepare(
              `INSERT INTO members (account_id, email, display_name, country, plan, price_minor, currency, joined_at,
                 last_viewed_at, last_title_id, status, status_changed_at, dormant_reason, dormant_since, language)
               VALUES ('E2E-RECOMMEND-1', 'recommend-1@example.test', 'Rita Recommend', 'US', 'standard', 1299, 'USD', ?,
                 ?, ?, 'dormant', ?, 'inactive', ?, 'en')`,
            )
            .run(last - 400 * DAY, last, titles[2], Date.now(), last + 730 * DAY).lastInsertRowid,
        );
        const view = db.prepare(
          'INSERT INTO viewing_events (member_id, watched_at, title_id, seconds_watched) VALUES (?, ?, ?, 1800)',
        );
        for (const [i, t] of titles.entries()) view.run(id, last - (2 - i) * DAY, t);
        return { id, country: 'US' };
      });
      await page.goto('/campaigns/new');
      await page.getByLabel('Campaign name').fill('E2E recommended titles');
      await page.getByRole('checkbox', { name: sampleMember.country, exact: true }).check();
      await page.getByRole('checkbox', { name: 'Inactive (watched before)' }).check();
      await page
        .getByLabel('Variant A message')
        .fill('Hello {{first_name}},\nchosen for you:\n{{recommended_titles}}\n{{keep_link}}');
      await page.getByLabel('Variant B message').fill('Hello {{first_name}}, we miss you. {{keep_link}}');
      await page.getByRole('button', { name: 'Save draft' }).click();
      await expect(page).toHaveURL(/\/campaigns\/\d+$/);

      // The first sample member of the segment (inactive: each has watched something).
      const preview = page.getByRole('region', { name: 'Preview' });
      let memberId = 0;
      let lastSeen = '';
      const samples = await preview.getByRole('link', { name: /^Sample \d+/ }).count();
      for (let i = 1; i <= samples && !lastSeen; i++) {
        const link = preview.getByRole('link', { name: new RegExp(`^Sample ${i}\\b`) });
        await link.click();
        await expect(link).toHaveAttribute('aria-current', 'true');
        const label = await preview.getByText(/^Member #\d+/).textContent();
        memberId = Number(/#(\d+)/.exec(label ?? '')?.[1]);
        lastSeen = lastTitle(memberId);
      }
      expect(lastSeen, 'a sample member has a viewing history').toBeTruthy();
      const sample = new URL(page.url()).search;

      // The catalogue learns that what they watched last is season 1 of a series, and its season 2 arrives.
      const res = await request.post('/api/titles', {
        headers: KEY,
        data: {
          titles: [
            { name: lastSeen, kind: 'series', series: lastSeen, season: 1 },
            { name: `${lastSeen}: Season 2`, kind: 'series', series: lastSeen, season: 2 },
          ],
        },
      });
      expect(res.status()).toBe(200);
      expect(await res.json()).toMatchObject({ ok: true, newSeasons: [{ series: lastSeen, season: 2 }] });

      await page.goto(new URL(page.url()).pathname + sample);
      await expect(preview.getByText(`Member #${memberId}`, { exact: false })).toBeVisible();
      const bodyA = page.frameLocator('iframe[title="Message body, variant A"]');
      await expect(bodyA.getByText(`• ${lastSeen}: Season 2`)).toBeVisible();
      await expect(bodyA.getByText(`Because you watched ${lastSeen}.`)).toBeVisible();
      const text = (await bodyA.locator('body').textContent()) ?? '';
      const chosen = [...text.matchAll(/• ([^\n•]+)/g)].map((m) => m[1]!.trim());
      expect(chosen).toHaveLength(3);
      const watched = watchedNames(memberId);
      for (const name of chosen) expect(watched, `${name} was not watched by #${memberId}`).not.toContain(name);
      // The variant without the variable says nothing of titles.
      await expect(page.frameLocator('iframe[title="Message body, variant B"]').getByText('•')).toHaveCount(0);
      await page.screenshot({ path: 'test-results/recommend-preview.png', fullPage: true });
      await preview
        .getByRole('article', { name: 'Preview of variant A' })
        .screenshot({ path: 'test-results/recommend-preview-a.png' });
    });
    test('the Import page takes a catalogue CSV: a bad line is named and nothing stored, then the file imports', async ({
      page,
    }) => {
      const upload = async (csv: string) => {
        await page
          .getByLabel('Catalogue titles CSV')
          .setInputFiles({ name: 'titles.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
        await page.getByRole('button', { name: 'Import titles' }).click();
      };
      const season = (name: string) =>
        withDb((db) => db.prepare('SELECT series, season FROM titles WHERE name = ?').get(name) as object | undefined);
      await page.goto('/import');
      const header = 'name,kind,release_year,series,season\n';
      await upload(
        `${header}Harbour Lights: Season 1,series,2024,Harbour Lights,1\nHarbour Lights: Season 2,series,2026,Harbour Lights,\n`,
      );
      await expect(page.getByRole('alert').filter({ hasText: 'The file was not imported: 1 problem found' })).toBeVisible();
      await expect(
        page
          .getByRole('table', { name: 'Problems in the file' })
          .getByRole('row', { name: /3\s+season\s+series and season go together/ }),
      ).toBeVisible();
      expect(season('Harbour Lights: Season 1')).toBeUndefined();

      await upload(
        `${header}Harbour Lights: Season 1,series,2024,Harbour Lights,1\nHarbour Lights: Season 2,series,2026,Harbour Lights,2\n`,
      );
      await expect(page.getByRole('status').filter({ hasText: 'Imported 2 titles: 2 new, 0 updated.' })).toBeVisible();
      await page.screenshot({ path: 'test-results/recommend-import.png', fullPage: true });
      expect(season('Harbour Lights: Season 2')).toEqual({ series: 'Harbour Lights', season: 2 });
    });
  });
