import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { makeDemoFile, watchProgress } from './support';

test.describe('a field officer keeps activities offline', () => {
  test('create (after a validation error), reload, find, edit, and read it in Chinese', async ({ page }, testInfo) => {
    await page.goto('/');
    await expect(page.getByTestId('activities-empty')).toBeVisible();

    // A new user is told what to do, and the form refuses an incomplete activity without losing input.
    await page.getByTestId('new-activity').first().click();
    await page.getByTestId('field-title-en').fill('Mekong rice breeding joint laboratory');
    await page.getByTestId('save-activity').click();
    await expect(page.getByTestId('form-summary')).toBeVisible();
    const kindError = page.locator('.field', { has: page.getByTestId('field-kind') }).getByTestId('field-error');
    await expect(kindError).toHaveText('Choose the kind of activity.');
    await expect(page.getByTestId('field-countries').getByTestId('field-error')).toBeVisible();
    await expect(page.getByTestId('field-title-en')).toHaveValue('Mekong rice breeding joint laboratory');

    // Fix it: every message goes as its field is corrected.
    await page.getByTestId('field-kind').selectOption('joint-lab');
    await expect(kindError).toHaveCount(0);
    await page.getByTestId('field-countries').getByLabel('Lao PDR').check();
    await page.getByTestId('field-countries').getByLabel('China').check();
    await page.getByTestId('field-priority-areas').getByLabel('Crop breeding and cultivation').check();
    await page.getByTestId('field-plannedStart').fill('2025-03-01');
    await page.getByTestId('field-plannedEnd').fill('2024-01-01');
    await page.getByTestId('save-activity').click();
    await expect(page.locator('.field', { has: page.getByTestId('field-plannedEnd') }).getByTestId('field-error')).toHaveText(
      'The end date is before the start date.',
    );
    await page.getByTestId('field-plannedEnd').fill('2028-02-28');
    await page.getByTestId('field-title-zh').fill('湄公河水稻育种联合实验室');
    await page.getByTestId('field-status').selectOption('implementation');
    await page.getByTestId('kind-section').getByLabel('Research lines').fill('Drought tolerance\nSalinity tolerance');
    await page.getByTestId('save-activity').click();

    await expect(page.getByTestId('activity-detail')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mekong rice breeding joint laboratory');
    await expect(page.getByText('Drought tolerance, Salinity tolerance', { exact: true })).toBeVisible();

    // A second activity that differs in every filtered respect, so each filter has something to exclude.
    const other = {
      entity: 'activity',
      id: '0194a3b0-0000-7000-8000-0000000000aa',
      createdAt: '2021-02-01T00:00:00.000Z',
      updatedAt: '2021-02-01T00:00:00.000Z',
      title: { en: 'Hanoi water sanitation training course', vi: 'Khóa đào tạo xử lý nước Hà Nội' },
      details: { kind: 'training-course', deliveryMode: 'in-person' },
      status: 'closed',
      countries: ['VN'],
      priorityAreas: ['tech/water/sanitation'],
      plannedStart: '2021-03-01',
    };
    const otherFile = testInfo.outputPath('other.ndjson');
    writeFileSync(otherFile, `${JSON.stringify(other)}\n`);
    await page.goto('/#/data?action=import');
    await page.getByTestId('import-file').setInputFiles(otherFile);
    await expect(page.getByTestId('report-stored')).toHaveText('1 record saved');

    // It is stored on this computer: a reload finds it through search and each filter.
    await page.reload();
    await page.getByRole('navigation').getByRole('link', { name: 'Activities' }).click();
    const rows = page.getByTestId('activity-row');
    await expect(rows).toHaveCount(2);
    const only = async (change: () => Promise<unknown>, title: RegExp) => {
      await change();
      await expect(rows).toHaveCount(1);
      await expect(rows).toContainText(title);
      await page.getByRole('button', { name: 'Clear filters' }).first().click();
      await expect(rows).toHaveCount(2);
    };
    await only(() => page.getByTestId('activity-search').fill('MEKONG breeding'), /Mekong/);
    await only(() => page.getByTestId('activity-search').fill('ha noi'), /Hanoi/);
    await only(() => page.getByTestId('activity-search').fill('湄公河'), /Mekong/);
    await only(() => page.getByTestId('filter-country').selectOption('LA'), /Mekong/);
    await only(() => page.getByTestId('filter-modality').selectOption('human-resources'), /Hanoi/);
    await only(() => page.getByTestId('filter-area').selectOption('tech/agriculture'), /Mekong/);
    await only(() => page.getByTestId('filter-status').selectOption('closed'), /Hanoi/);
    await only(() => page.getByTestId('filter-year').selectOption('2025'), /Mekong/);
    await page.getByTestId('filter-country').selectOption('VN');
    await page.getByTestId('filter-area').selectOption('tech/agriculture');
    await expect(page.getByTestId('activities-no-match')).toBeVisible();
    await page.getByRole('button', { name: 'Clear filters' }).first().click();

    // Sorting by title puts Hanoi first, then Mekong; again, the other way.
    await page.getByTestId('sort-title').click();
    await expect(rows.first()).toContainText('Hanoi');
    await page.getByTestId('sort-title').click();
    await expect(rows.first()).toContainText('Mekong');
    await page.getByTestId('activity-search').fill('湄公河');
    await expect(rows).toHaveCount(1);

    // Edit it.
    await page.getByTestId('activity-row').getByRole('link').click();
    await page.getByTestId('edit-activity').click();
    await page.getByTestId('field-title-en').fill('Mekong rice and maize breeding joint laboratory');
    await page.getByTestId('save-activity').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mekong rice and maize breeding joint laboratory');

    // Switch the desk to Chinese: the UI is translated, and the choice survives a restart.
    await page.getByTestId('language-switch').selectOption('zh');
    await expect(page.getByRole('navigation').getByRole('link', { name: '活动' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('湄公河水稻育种联合实验室');
    await expect(page.getByTestId('edit-activity')).toHaveText('编辑');
    await page.reload();
    await expect(page.getByRole('navigation').getByRole('link', { name: '机构' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.getByRole('navigation').getByRole('link', { name: '活动' }).click();
    await expect(page.getByRole('heading', { name: '活动', level: 1 })).toBeVisible();
    await expect(page.getByTestId('sort-title')).toHaveText(/标题/);
  });

  test('load a demo file of 2,000 records with a visible progress bar; re-importing adds nothing', async ({ page }) => {
    const file = makeDemoFile(2000);
    await page.goto('/#/activities');
    await page.getByRole('button', { name: /Data/ }).click();
    await page.getByRole('button', { name: 'Import records…' }).click();
    await expect(page).toHaveURL(/#\/data\?action=import/);

    const progress = await watchProgress(page);
    await page.getByTestId('import-file').setInputFiles(file);
    await expect(page.getByTestId('report-stored')).toHaveText('2000 records saved', { timeout: 60_000 });
    await expect(page.getByTestId('report-rejected')).toHaveText('0 lines rejected');
    const seen = await progress();
    expect(seen.seen).toBe(true);
    expect(seen.maxValue).toBeGreaterThan(0);

    await page.getByRole('link', { name: 'See the activities' }).click();
    await expect(page.getByTestId('activity-row').first()).toBeVisible();
    await expect(page.getByTestId('result-count')).toContainText(/of \d+ activities/);

    // The same file again: every record is already here, nothing is duplicated.
    await page.goto('/#/data');
    await page.getByTestId('import-file').setInputFiles(file);
    await expect(page.getByTestId('report-stored')).toHaveText('0 records saved', { timeout: 60_000 });
    await expect(page.getByText('2000 already here, unchanged')).toBeVisible();
  });

  test('an import file with bad lines names each one and imports the rest', async ({ page }, testInfo) => {
    const now = '2025-01-01T00:00:00.000Z';
    const good = { entity: 'organization', id: '0194a3b0-0000-7000-8000-000000000001', createdAt: now, updatedAt: now, name: { en: 'Royal University of Phnom Penh', km: 'សាកលវិទ្យាល័យភូមិន្ទភ្នំពេញ' }, type: 'university', country: 'KH' };
    const lines = [JSON.stringify(good), '{not json', JSON.stringify({ ...good, id: '0194a3b0-0000-7000-8000-000000000002', country: 'FR' }), ''];
    const path = testInfo.outputPath('bad.ndjson');
    writeFileSync(path, lines.join('\n'));
    await page.goto('/#/data?action=import');
    await page.getByTestId('import-file').setInputFiles(path);
    await expect(page.getByTestId('report-stored')).toHaveText('1 record saved');
    await expect(page.getByTestId('report-rejected')).toHaveText('2 lines rejected');
    const rows = page.locator('.errors-table tbody tr');
    await expect(rows.nth(0)).toContainText('2');
    await expect(rows.nth(0)).toContainText('This line is not valid JSON.');
    await expect(rows.nth(1)).toContainText('country');
    await expect(rows.nth(1)).toContainText('Choose one of the program countries.');
    await page.getByRole('navigation').getByRole('link', { name: 'Organizations' }).click();
    await page.getByTestId('organization-search').fill('ភ្នំពេញ');
    await expect(page.getByTestId('organization-row')).toHaveCount(1);
  });

  test('the shell says plainly when the computer is offline', async ({ page, context }) => {
    await page.goto('/');
    await expect(page.getByTestId('online-status')).toHaveAttribute('data-online', 'true');
    await context.setOffline(true);
    await expect(page.getByTestId('online-status')).toHaveText(/Offline/);
    await context.setOffline(false);
    await expect(page.getByTestId('online-status')).toHaveAttribute('data-online', 'true');
  });
});
