import { expect, test as setup } from '@playwright/test';
import { DEMO_STAFF } from '../db/seed/staff';

// Signs each demo role in once through the real form and saves its cookies for the other specs.
for (const s of DEMO_STAFF) {
  setup(`sign in as ${s.email}`, async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(s.email);
    await page.getByLabel('Password').fill('rekindle-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await page.context().storageState({ path: `test-results/.auth/${s.email.split('@')[0]}.json` });
  });
}
