import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Browser, type Page } from '@playwright/test';

/** Writes a demo NDJSON file with the project's own CLI, as a user would. */
export function makeDemoFile(records: number, seed = 7): string {
  const out = join(mkdtempSync(join(tmpdir(), 'step-e2e-')), `demo-${records}.ndjson`);
  execFileSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/demo-data.ts', '--records', String(records), '--out', out, '--seed', String(seed)], {
    stdio: 'pipe',
  });
  return out;
}

/**
 * Starts recording, inside the page, whether a progress bar ever appeared and the highest value it
 * showed. An import of a few thousand records can finish between two polls of a plain assertion.
 */
export async function watchProgress(page: Page): Promise<() => Promise<{ seen: boolean; maxValue: number; updates: number }>> {
  await page.evaluate(() => {
    const state = { seen: false, maxValue: 0, updates: 0 };
    (window as unknown as { __progress: typeof state }).__progress = state;
    const observer = new MutationObserver(() => {
      const bar = document.querySelector<HTMLProgressElement>('[data-testid="progress"] progress');
      if (!bar) return;
      state.seen = true;
      state.updates += 1;
      state.maxValue = Math.max(state.maxValue, bar.value / (bar.max || 1));
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { __progress: { seen: boolean; maxValue: number; updates: number } }).__progress);
}

/** An activity as an NDJSON line holds it, for tests that put one on a desk through the import. */
export function activityRecord(id: string, title: string, countries: string[]) {
  return {
    entity: 'activity',
    id,
    createdAt: '2025-03-01T00:00:00.000Z',
    updatedAt: '2025-03-01T00:00:00.000Z',
    title: { en: title },
    details: { kind: 'science-park', zoneType: 'demonstration-zone' },
    status: 'implementation',
    countries,
    priorityAreas: ['tech/environment-energy/energy'],
    plannedStart: '2025-04-01',
  };
}

/**
 * A desk (its own browser profile) signed in and enrolled with a test server, synced once. Pass
 * `offline: true` to cut its network afterwards, as in the field.
 */
export async function enrolledDesk(
  browser: Browser,
  serverUrl: string,
  username: string,
  password: string,
  options: { offline?: boolean } = {},
): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/#/sync');
  await page.getByTestId('sync-server-url').fill(serverUrl);
  await page.getByTestId('sync-username').fill(username);
  await page.getByTestId('sync-password').fill(password);
  await page.getByTestId('sync-sign-in').click();
  await page.getByTestId('sync-enroll').click();
  await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced');
  if (options.offline) await context.setOffline(true);
  return page;
}
