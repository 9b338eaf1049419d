import { expect, type Page, test } from '@playwright/test';
import { demoServer } from './demo-server';
import { EMAIL, openFully, ROLES, signedInPages } from './pages';

// A phone (390×844): no signed-in page scrolls sideways (wide tables scroll inside their own
// region), and the navigation folds behind a menu button that opens, navigates and folds again.

const PHONE = { width: 390, height: 844 };
const demo = demoServer(61);

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: demo.baseURL, storageState: { cookies: [], origins: [] }, viewport: PHONE });
test.beforeAll(async () => {
  test.setTimeout(180_000);
  await demo.start();
});
test.afterAll(() => demo.stop());

/** How far the page itself scrolls sideways, and the widest elements sticking out past the window. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const width = window.innerWidth;
    const scroll = (document.scrollingElement as HTMLElement).scrollWidth;
    const sticksOut = (el: Element) => el.getBoundingClientRect().right > width + 1;
    // The innermost elements past the edge: the ones to fix, not every ancestor they widen.
    const culprits = [...document.querySelectorAll('body *')]
      .filter((el) => sticksOut(el) && ![...el.children].some(sticksOut))
      .slice(0, 4)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`.slice(0, 120));
    return { width, scroll, culprits };
  });

for (const who of ROLES) {
  test(`no page ${who} can reach scrolls sideways at 390 px`, async ({ browser }) => {
    test.setTimeout(240_000);
    const page = await demo.pageAs(browser, EMAIL[who], PHONE);
    const wide: string[] = [];
    for (const p of signedInPages(demo.withDb).filter((p) => p.roles.includes(who))) {
      await openFully(page, p.path);
      const o = await overflow(page);
      if (o.scroll > o.width) wide.push(`${p.name} (${p.path}): ${o.scroll} px wide — ${o.culprits.join(' | ')}`);
    }
    await page.context().close();
    expect(wide, wide.join('\n')).toEqual([]);
  });
}

test.describe('the menu on a phone', () => {
  test('opens, navigates, and folds again', async ({ browser }) => {
    const page = await demo.pageAs(browser, EMAIL.cx, PHONE);
    await page.goto('/overview');
    const menu = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(nav).toBeHidden();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden();

    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(page.locator(`#${await menu.getAttribute('aria-controls')}`)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await nav.getByRole('link', { name: 'Campaigns' }).click();

    await expect(page).toHaveURL(/\/campaigns$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Campaigns' })).toBeVisible();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(nav).toBeHidden();
  });

  test('on a wide window the sidebar shows without a menu button', async ({ browser }) => {
    const page = await demo.pageAs(browser, EMAIL.cx, { width: 1280, height: 900 });
    await page.goto('/overview');
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Menu' })).toBeHidden();
  });
});
