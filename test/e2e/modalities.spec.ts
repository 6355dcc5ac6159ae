import { readFileSync, writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { activityKinds, modalities } from '../../shared/src/domain/taxonomy/modalities';

/** One activity of every kind, in Laos, and a course run by the training center. */
const at = '2025-03-01T00:00:00.000Z';
const idOf = (n: number) => `0194a3b0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const activities = activityKinds.map((kind, n) => ({
  entity: 'activity',
  id: idOf(100 + n),
  createdAt: at,
  updatedAt: at,
  title: { en: `${kind.label.en} in Laos` },
  details: { kind: kind.code },
  status: 'implementation',
  countries: ['LA'],
  priorityAreas: ['tech/agriculture/agro-processing'],
  plannedStart: '2025-04-01',
}));
const center = activities.find((a) => a.details.kind === 'training-center')!;
const course = activities.find((a) => a.details.kind === 'training-course')!;
(course.details as Record<string, unknown>).trainingCenterId = center.id;

async function importActivities(page: Page, file: string) {
  writeFileSync(file, activities.map((a) => JSON.stringify(a)).join('\n'));
  await page.goto('/#/data?action=import');
  await page.getByTestId('import-file').setInputFiles(file);
  await expect(page.getByTestId('report-stored')).toHaveText(`${activities.length} records saved`);
}

/** A section heading's English text from its feature's translations, when the feature has it. */
function headingOf(feature: string, key: string): string | undefined {
  try {
    const tree = JSON.parse(readFileSync(`renderer/src/features/${feature}/locales/en.json`, 'utf8')) as Record<string, unknown>;
    const value = key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

async function noSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}

test.describe('every modality is reachable from the side navigation', () => {
  test('each modality link lists only its activities, says so in its title, and Back goes back', async ({ page }, testInfo) => {
    await importActivities(page, testInfo.outputPath('kinds.ndjson'));
    const navigation = page.getByRole('navigation', { name: 'Main navigation' });
    const rows = page.getByTestId('activity-row');

    for (const modality of modalities) {
      const kinds = activityKinds.filter((kind) => kind.modality === modality.code);
      const link = navigation.getByRole('link', { name: modality.label.en, exact: true });
      await link.click();
      await expect(page).toHaveURL(new RegExp(`#/activities\\?modality=${modality.code}$`));
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${modality.label.en} — activities`);
      await expect(link).toHaveAttribute('aria-current', 'page');
      await expect(rows).toHaveCount(kinds.length);
      const titles = await rows.getByRole('link').allInnerTexts();
      expect(titles.sort()).toEqual(kinds.map((kind) => `${kind.label.en} in Laos`).sort());
      // A modality of one kind starts a new activity of that kind.
      await expect(page.getByTestId('new-activity')).toHaveAttribute('href', kinds.length === 1 ? `#/activities/new?kind=${kinds[0]!.code}` : '#/activities/new');
    }

    // Back returns to the previous modality's list, filter and title together.
    await page.goBack();
    await expect(page).toHaveURL(/modality=science-parks/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Joint science parks and demonstration zones — activities');
    await expect(rows).toHaveCount(1);

    // Within a modality, one kind: the URL, the title and the new activity's kind follow.
    await navigation.getByRole('link', { name: 'Human resources development', exact: true }).click();
    await expect(rows).toHaveCount(3);
    await page.getByTestId('filter-kind').selectOption('training-course');
    await expect(page).toHaveURL(/modality=human-resources&kind=training-course/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Training course — activities');
    await expect(rows).toHaveCount(1);
    await noSeriousViolations(page);
    // A shared link opens the same list.
    await page.reload();
    await expect(rows).toHaveCount(1);
    await expect(page.getByTestId('filter-kind')).toHaveValue('training-course');
    await page.getByTestId('new-activity').click();
    await expect(page.getByTestId('field-kind')).toHaveValue('training-course');
    await expect(page.getByTestId('kind-section').getByLabel('Places')).toBeVisible();

    // The plain list shows everything again.
    await navigation.getByRole('link', { name: 'Activities', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Activities');
    await expect(rows).toHaveCount(activities.length);
  });

  test('a training course shows its sections in order and links to its center, which lists it', async ({ page }, testInfo) => {
    await importActivities(page, testInfo.outputPath('kinds.ndjson'));
    await page.goto(`/#/activities/${course.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Training course in Laos');

    // The sections that exist, in the order of the page: what it is, its review, partners, people, money, results, reports, documents, history.
    const expected = [
      'Title and description',
      'Training course',
      headingOf('review', 'panel.title'),
      headingOf('participants', 'partners.title'),
      headingOf('participants', 'title.trainees'),
      headingOf('finance', 'section.title'),
      headingOf('results', 'section.title'),
      headingOf('fieldReports', 'section.title'),
      headingOf('documents', 'title'),
      'History',
    ].filter((heading): heading is string => Boolean(heading));
    await expect(page.getByRole('heading', { level: 2, name: 'History' })).toBeVisible();
    const shown = (await page.getByTestId('activity-detail').getByRole('heading', { level: 2 }).allInnerTexts()).map((text) => text.trim());
    const known = shown.filter((heading) => expected.includes(heading));
    expect(known).toEqual(expected.filter((heading) => known.includes(heading)));
    expect(known).toEqual(expect.arrayContaining(['Title and description', 'Training course', 'History']));
    await noSeriousViolations(page);

    // The course names its center, linked; the center lists the course and offers to add another.
    const kindDetails = page.getByTestId('kind-details');
    await kindDetails.getByRole('link', { name: 'Training center in Laos' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Training center in Laos');
    const courses = page.getByTestId('center-courses');
    await expect(courses.getByRole('link')).toHaveText(['Training course in Laos', 'New course at this center']);
    await courses.getByTestId('new-course').click();
    await expect(page.getByTestId('field-kind')).toHaveValue('training-course');
    await expect(page.getByTestId('kind-section').getByRole('combobox', { name: 'Training center' })).toHaveValue(/Training center in Laos/);
  });
});
