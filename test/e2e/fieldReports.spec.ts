import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { activityRecord } from './support';

/**
 * A field officer's day: offline, on a laptop with a location fix (a fake one, from the browser), they
 * write a site-visit report for an activity: coordinates typed and from the computer, a narrative, an
 * indicator value, a large photo (downscaled on the device before it is stored). The window is reloaded
 * half-way, as after a crash: the draft comes back. Saved, the report shows its coordinates and its photo.
 */
const activityId = '0194a3b0-0000-7000-8000-0000000000f1';
const resultId = '0194a3b0-0000-7000-8000-0000000000f2';
const indicatorId = '0194a3b0-0000-7000-8000-0000000000f3';
const at = '2025-03-01T00:00:00.000Z';
const records = [
  activityRecord(activityId, 'Cassava starch cooperative', ['LA', 'TH']),
  { entity: 'result', id: resultId, createdAt: at, updatedAt: at, activityId, resultType: 'output', title: { en: 'Better drying' } },
  { entity: 'indicator', id: indicatorId, createdAt: at, updatedAt: at, activityId, resultId, title: { en: 'Households using drying racks' }, measure: 'unit', unit: 'households' },
];

/** A PNG of `width` × `height` (a colour gradient), written by hand: no image library needed. */
function makePng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const start = y * (width * 3 + 1);
    for (let x = 0; x < width; x += 1) rows.set([(x * 255) / width, (y * 255) / height, 96], start + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** What this computer holds for a form: its draft (read straight from IndexedDB, as a reopened app would). */
function storedDraft(page: Page, key: string): Promise<{ values: Record<string, unknown>; updatedAt: string } | null> {
  return page.evaluate(
    (draftKey) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('step-desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction('formDrafts').objectStore('formDrafts').get(draftKey);
          request.onsuccess = () => {
            resolve(request.result ?? null);
            db.close();
          };
          request.onerror = () => reject(request.error);
        };
      }),
    key,
  );
}

function storedBlobCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('step-desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('blobs').objectStore('blobs').count();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        };
      }),
  );
}

/** Serious and critical findings of an automated accessibility check (axe-core, WCAG 2.1 A and AA). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test.use({ geolocation: { latitude: 13.7563, longitude: 100.5018, accuracy: 25 }, permissions: ['geolocation'] });

test('an officer writes a field report offline: location, photo, a reload half-way, saved', async ({ page, context }, testInfo) => {
  const file = testInfo.outputPath('activity.ndjson');
  writeFileSync(file, records.map((record) => JSON.stringify(record)).join('\n') + '\n');
  await page.goto('/#/data?action=import');
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('report-stored')).toHaveText('3 records saved');

  // In the field: no network from here on.
  await context.setOffline(true);
  await page.getByRole('navigation').getByRole('link', { name: 'Field reports' }).click();
  await expect(page.getByTestId('fr-empty')).toBeVisible();
  await page.getByTestId('fr-new').click();

  // The activity, by typing part of its title; the country follows it, the visit is today by default.
  await expect(page.getByTestId('fr-visit-date')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await page.getByTestId('fr-activity').fill('cassava');
  await page.getByRole('option', { name: /Cassava starch cooperative/ }).click();
  await expect(page.getByTestId('fr-country')).toHaveValue('LA');
  await page.getByTestId('fr-country').selectOption('TH');
  await page.getByTestId('fr-visit-date').fill('2025-05-02');

  // Coordinates typed: a pair pasted into one field fills both.
  await page.getByTestId('fr-latitude').fill('14.9799, 102.0978');
  await expect(page.getByTestId('fr-latitude')).toHaveValue('14.9799');
  await expect(page.getByTestId('fr-longitude')).toHaveValue('102.0978');
  await expect(page.getByTestId('fr-location-source')).toHaveText('Coordinates typed in');
  // Then the computer's own fix replaces them, with its accuracy.
  await page.getByTestId('fr-use-location').click();
  await expect(page.getByTestId('fr-location-status')).toHaveText(/Location found, accurate to about 25 m/);
  await expect(page.getByTestId('fr-latitude')).toHaveValue('13.7563');
  await expect(page.getByTestId('fr-longitude')).toHaveValue('100.5018');
  await expect(page.getByTestId('fr-accuracy')).toHaveValue('25');
  await page.getByTestId('fr-place-name').fill('Drying yard, Nakhon Ratchasima');

  const narrative = 'Met the cooperative board.\nThe new drying racks are in use; starch quality improved.';
  await page.getByTestId('fr-narrative').fill(narrative);
  await expect(page.getByTestId('fr-indicator')).toContainText('Households using drying racks');
  await page.getByTestId('fr-indicator-value').fill('42');

  // A photo far larger than the setting (1600 px): reduced on this computer, stored at once.
  await page.getByTestId('fr-photo-input').setInputFiles({ name: 'IMG_0001.png', mimeType: 'image/png', buffer: makePng(3000, 2000) });
  await expect(page.getByTestId('fr-photo')).toHaveCount(1);
  await expect(page.getByTestId('fr-photo').locator('img')).toBeVisible();
  await page.getByTestId('fr-photo-caption').fill('New drying racks, north side');
  expect(await storedBlobCount(page)).toBe(1);

  // Everything typed is on the disk within moments, without saving: the draft names the photo's bytes.
  await expect
    .poll(async () => (await storedDraft(page, 'fieldReport:new'))?.values)
    .toMatchObject({
      narrative,
      latitude: '13.7563',
      accuracyMeters: '25',
      locationSource: 'device',
      indicatorValues: { [indicatorId]: { value: '42' } },
      photos: [{ caption: 'New drying racks, north side', fileName: 'IMG_0001.jpg', mimeType: 'image/jpeg' }],
    });
  await expect(page.getByTestId('fr-draft-status')).toHaveText(/Draft saved on this computer/);

  // The window goes away (the network is back only for the page itself to load, as Electron reads it from disk).
  await context.setOffline(false);
  await page.reload();
  await context.setOffline(true);
  await expect(page.getByTestId('fr-draft-restored')).toContainText('Restored your unsaved draft from');
  await expect(page.getByTestId('fr-narrative')).toHaveValue(narrative);
  await expect(page.getByTestId('fr-country')).toHaveValue('TH');
  await expect(page.getByTestId('fr-latitude')).toHaveValue('13.7563');
  await expect(page.getByTestId('fr-accuracy')).toHaveValue('25');
  await expect(page.getByTestId('fr-indicator-value')).toHaveValue('42');
  await expect(page.getByTestId('fr-photo-caption')).toHaveValue('New drying racks, north side');
  await expect(page.getByTestId('fr-photo').locator('img')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByTestId('fr-save').click();
  await expect(page.getByTestId('fr-detail')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Cassava starch cooperative/);
  await expect(page.getByTestId('fr-coordinates')).toHaveText('13.7563, 100.5018');
  await expect(page.getByTestId('fr-detail-accuracy')).toHaveText('About 25 m');
  await expect(page.getByTestId('fr-detail-source')).toHaveText('Location from this computer');
  await expect(page.getByTestId('fr-detail-place')).toHaveText('Drying yard, Nakhon Ratchasima');
  await expect(page.getByTestId('fr-detail-narrative')).toHaveText(narrative);
  await expect(page.getByTestId('fr-detail-indicators')).toContainText('Households using drying racks');
  await expect(page.getByTestId('fr-detail-indicators')).toContainText('42 households');
  await expect(page.getByTestId('fr-detail-photo')).toHaveCount(1);
  await expect(page.getByTestId('fr-detail-photo-caption')).toHaveText('New drying racks, north side');
  const image = page.getByTestId('fr-detail-photo-img');
  await expect(image).toBeVisible();
  const size = () => image.evaluate((img: HTMLImageElement) => (img.complete ? [img.naturalWidth, img.naturalHeight] : [0, 0]));
  await expect.poll(size).not.toEqual([0, 0]);
  const [width, height] = await size();
  expect(Math.max(width!, height!)).toBeLessThanOrEqual(1600);
  expect([width, height]).toEqual([1600, 1067]);
  expect(await seriousViolations(page)).toEqual([]);

  // Saved: the draft is gone; the report is listed, mine, a draft in review terms.
  expect(await storedDraft(page, 'fieldReport:new')).toBeNull();
  await page.getByRole('link', { name: 'Back to field reports' }).click();
  const rows = page.getByTestId('fr-row');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('Cassava starch cooperative');
  await expect(rows).toContainText('You');
  await expect(rows.getByTestId('fr-state')).toHaveText('Draft');
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByTestId('fr-filter-state').selectOption('submitted');
  await expect(page.getByTestId('fr-no-match')).toBeVisible();
  await page.getByTestId('fr-filter-state').selectOption('draft');
  await expect(rows).toHaveCount(1);

  // The activity's page lists it, with a way to write the next one for the same activity.
  await page.goto(`/#/activities/${activityId}`);
  await expect(page.getByTestId('activity-field-report')).toHaveCount(1);
  await page.getByTestId('fr-new-for-activity').click();
  await expect(page.getByTestId('fr-country')).toHaveValue('LA');
  await expect(page.getByTestId('fr-activity')).toHaveValue(/Cassava starch cooperative/);
  await expect(page.getByTestId('fr-draft-restored')).toHaveCount(0);
});

test('the location is refused or unavailable: the officer is told, and types the coordinates', async ({ browser }) => {
  const context = await browser.newContext({ permissions: [] });
  const page = await context.newPage();
  await page.goto('/#/field-reports/new');
  await context.setOffline(true);
  await page.getByTestId('fr-use-location').click();
  await expect(page.getByTestId('fr-location-status')).toHaveAttribute('data-phase', 'failed');
  await expect(page.getByTestId('fr-location-status')).toHaveText(/Type the coordinates instead|type the coordinates/);
  await page.getByTestId('fr-latitude').fill('north');
  await page.getByTestId('fr-save').click();
  await expect(page.getByTestId('form-summary')).toBeVisible();
  await expect(page.locator('.field', { has: page.getByTestId('fr-latitude') }).getByTestId('field-error')).toHaveText('Enter a number.');
  await expect(page.locator('.field', { has: page.getByTestId('fr-longitude') }).getByTestId('field-error')).toHaveText('This field is required.');
  await context.close();
});
