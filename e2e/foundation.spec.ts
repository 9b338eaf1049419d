import { expect, test } from '@playwright/test';
import { as } from './helpers';

test.describe('sign-in', () => {
  test('a wrong password gets a clear message and no session', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill('cx@rekindle.local');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Next's route announcer is also an alert region, so match ours by its text.
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible();
    await page.goto('/members');
    await expect(page).toHaveURL(/\/login$/);
  });

  test('empty fields are named next to the field', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Enter your email.')).toBeVisible();
    await expect(page.getByText('Enter your password.')).toBeVisible();
  });
});

const navByRole = {
  admin: [
    'Overview',
    'Members',
    'At risk',
    'Campaigns',
    'Catalogue',
    'Batches',
    'Import',
    'Policy',
    'Operations',
    'Audit',
    'Staff',
  ],
  cx: ['Overview', 'Members', 'At risk', 'Campaigns', 'Catalogue', 'Batches', 'Import', 'Policy', 'Operations'],
  approver: ['Overview', 'Members', 'At risk', 'Campaigns', 'Catalogue', 'Batches', 'Policy', 'Operations'],
  exec: ['Overview', 'Campaigns', 'Catalogue', 'Batches', 'Policy'],
} as const;

for (const [who, items] of Object.entries(navByRole)) {
  test.describe(`${who} navigation`, () => {
    test.use({ storageState: as(who as keyof typeof navByRole) });
    test(`${who} sees exactly the navigation for the role`, async ({ page }) => {
      await page.goto('/');
      const nav = page.getByRole('navigation', { name: 'Main' });
      await expect(nav.getByRole('link')).toHaveText([...items]);
    });
  });
}

test.describe('executive', () => {
  test.use({ storageState: as('exec') });
  test('cannot open Staff', async ({ page }) => {
    await page.goto('/staff');
    await expect(page.getByRole('heading', { name: 'You are not allowed to open that page' })).toBeVisible();
  });
});

test('signing out ends the session', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill('approver@rekindle.local');
  await page.getByLabel('Password').fill('rekindle-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/batches');
  await expect(page).toHaveURL(/\/login$/);
  await context.close();
});

test.describe('staff administration', () => {
  test.use({ storageState: as('admin') });
  test('an admin adds a staff member, is told about a duplicate, and the change is audited', async ({ page }) => {
    await page.goto('/staff');
    const form = page.getByRole('region', { name: 'Add a staff member' });
    await form.getByLabel('Name').fill('Dana Duplicate');
    await form.getByLabel('Email').fill('exec@rekindle.local');
    await form.getByLabel('Initial password').fill('another-long-password');
    await form.getByRole('button', { name: 'Add staff member' }).click();
    await expect(form.getByText('This email is already in use.')).toBeVisible();

    const email = `new-${Date.now()}@rekindle.local`;
    await form.getByLabel('Email').fill(email);
    // The refused submit kept what was typed, except the password.
    await expect(form.getByLabel('Name')).toHaveValue('Dana Duplicate');
    await form.getByLabel('Initial password').fill('another-long-password');
    await form.getByLabel('Role').selectOption({ label: 'Approver' });
    await form.getByRole('button', { name: 'Add staff member' }).click();
    await expect(form.getByRole('status').filter({ hasText: `Added ${email}.` })).toBeVisible();
    await expect(page.getByRole('cell', { name: email, exact: true })).toBeVisible();

    await page.goto('/audit?action=staff.create');
    await expect(page.getByRole('cell', { name: 'staff.create' }).first()).toBeVisible();
    await expect(page.getByRole('cell', { name: 'admin@rekindle.local' }).first()).toBeVisible();
  });

  test('nonsense audit filters are ignored with a message', async ({ page }) => {
    await page.goto('/audit?action=DROP%20TABLE');
    await expect(page.getByRole('status').filter({ hasText: 'Ignored the action filter' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  });
});
