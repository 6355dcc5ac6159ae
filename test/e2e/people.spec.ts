import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ServerProcess } from '../support/serverProcess';
import { enrolledDesk } from './support';

/** Serious or critical axe findings on the page as it is now (WCAG 2.1 A and AA). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('register people with native and romanized names, find them, and enrol trainees in a course', async ({ page }) => {
  test.setTimeout(120_000);

  // An organization for the people to belong to.
  await page.goto('/#/organizations/new');
  await page.getByTestId('org-name-en').fill('National University of Laos');
  await page.getByLabel('Also written in').selectOption('lo');
  await page.getByTestId('org-name-lo').fill('ມະຫາວິທະຍາໄລແຫ່ງຊາດລາວ');
  await page.getByTestId('org-type').selectOption('university');
  await page.getByTestId('org-country').selectOption('LA');
  await page.getByTestId('save-organization').click();
  await expect(page.getByTestId('organization-row')).toHaveCount(1);

  // A person: the form refuses a nameless person without losing what was typed.
  await page.goto('/#/people');
  await expect(page.getByTestId('people-empty')).toBeVisible();
  await page.getByTestId('new-person').click();
  await page.getByTestId('person-email').fill('somphone@nuol.edu.la');
  await page.getByTestId('save-person').click();
  await expect(page.getByTestId('form-summary')).toBeVisible();
  await expect(page.locator('.field', { has: page.getByTestId('person-name-romanized') }).getByTestId('field-error')).toHaveText(
    'Enter the name in native script, romanized, or both.',
  );
  await expect(page.getByTestId('person-roles').getByTestId('field-error')).toHaveText('Choose at least one.');
  await expect(page.getByTestId('person-email')).toHaveValue('somphone@nuol.edu.la');

  await page.getByTestId('person-country').selectOption('LA');
  // The native name's language follows the country.
  await expect(page.getByTestId('person-name-native-language')).toHaveValue('lo');
  await page.getByTestId('person-name-native').fill('ສົມພອນ ວົງສະຫວັນ');
  await page.getByTestId('person-name-romanized').fill('Somphone Vongsavanh');
  await page.getByTestId('person-sex').selectOption('female');
  await page.getByTestId('person-nationality').selectOption('LA');
  await page.getByTestId('person-birth-year').fill('1991');
  await page.getByLabel('Organization').fill('ແຫ່ງຊາດ');
  await page.getByRole('option', { name: /National University of Laos/ }).click();
  await page.getByTestId('person-position').fill('Lecturer');
  await page.getByTestId('person-roles').getByLabel('Trainee').check();
  await page.getByTestId('save-person').click();

  await expect(page.getByTestId('person-detail')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Somphone Vongsavanh');
  await expect(page.getByTestId('person-native-name')).toHaveText('ສົມພອນ ວົງສະຫວັນ');
  await expect(page.getByTestId('person-native-name')).toHaveAttribute('lang', 'lo');
  // A desk not enrolled is a single local desk: it sees the personal data it holds.
  await expect(page.getByTestId('person-email')).toHaveText('somphone@nuol.edu.la');
  await expect(page.getByTestId('person-birth-year')).toHaveText('1991');
  await expect(page.getByTestId('person-organization')).toHaveText('National University of Laos');

  // Found by either name, in either script; filters narrow.
  await page.goto('/#/people');
  const rows = page.getByTestId('person-row');
  await expect(rows).toHaveCount(1);
  for (const query of ['ສົມພອນ', 'ວົງສະ', 'vongsavanh', 'SOMPHONE VONG']) {
    await page.getByTestId('person-search').fill(query);
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText('Somphone Vongsavanh');
  }
  await page.getByTestId('person-search').fill('王芳');
  await expect(page.getByTestId('people-no-match')).toBeVisible();
  await page.getByTestId('person-search').fill('');
  await page.getByTestId('filter-person-role').selectOption('expert');
  await expect(page.getByTestId('people-no-match')).toBeVisible();
  await page.getByTestId('filter-person-role').selectOption('trainee');
  await page.getByTestId('filter-person-sex').selectOption('female');
  await expect(rows).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);

  // The organization's page lists its people.
  await page.goto('/#/organizations');
  await page.getByTestId('organization-row').getByRole('link', { name: 'National University of Laos' }).click();
  await expect(page.getByTestId('organization-detail')).toBeVisible();
  await expect(page.getByTestId('organization-people')).toContainText('Somphone Vongsavanh');
  expect(await seriousViolations(page)).toEqual([]);

  // A training course, made in the activity form.
  await page.goto('/#/activities/new');
  await page.getByTestId('field-kind').selectOption('training-course');
  await page.getByTestId('field-title-en').fill('Rice seed quality training course');
  await page.getByTestId('field-countries').getByLabel('Lao PDR').check();
  await page.getByTestId('field-countries').getByLabel('China').check();
  await page.getByTestId('field-priority-areas').getByLabel('Crop breeding and cultivation').check();
  await page.getByTestId('field-plannedStart').fill('2025-04-01');
  await page.getByTestId('save-activity').click();
  await expect(page.getByTestId('activity-detail')).toBeVisible();
  const activityId = /#\/activities\/([^/?]+)/.exec(page.url())?.[1];
  expect(activityId).toBeTruthy();

  // The course's page has its trainees and its organizations.
  const section = page.getByTestId('participants-section');
  await expect(section.getByRole('heading', { level: 2, name: 'Trainees' })).toBeVisible();
  await expect(section.getByTestId('participants-empty')).toBeVisible();

  // Enrol from the person list, found by the native name.
  await section.getByTestId('enrol-people').click();
  await section.getByTestId('enrol-search').fill('ສົມພອນ');
  const candidate = section.getByTestId('enrol-candidate');
  await expect(candidate).toHaveCount(1);
  await candidate.getByRole('checkbox').check();
  await section.getByTestId('enrol-chosen').click();
  await expect(section.getByTestId('participants-notice')).toHaveText('One person enrolled.');
  const participants = section.getByTestId('participant-row');
  await expect(participants).toHaveCount(1);
  // Nobody is enrolled twice: the person is marked, and cannot be chosen again.
  await expect(candidate.getByRole('checkbox')).toBeDisabled();
  await expect(candidate).toContainText('already enrolled');

  // A trainee who turns up on the day: created and enrolled at once (Thai name).
  await section.getByTestId('create-and-enrol').click();
  await section.getByTestId('create-name-native').fill('สมชาย ใจดี');
  await section.getByTestId('create-name-romanized').fill('Somchai Jaidee');
  await section.getByTestId('create-sex').selectOption('male');
  await section.getByTestId('create-country').selectOption('TH');
  await expect(section.getByTestId('create-role')).toHaveValue('trainee');
  await section.getByTestId('create-submit').click();
  await expect(section.getByTestId('participants-notice')).toHaveText('Somchai Jaidee registered and enrolled.');
  await expect(participants).toHaveCount(2);
  await expect(section.getByTestId('count-enrolled')).toHaveText('2');
  await expect(section.getByTestId('count-women')).toHaveText('1');
  await expect(section.getByTestId('count-men')).toHaveText('1');
  await expect(section.getByTestId('count-completed')).toHaveText('0');

  // Mark Somphone completed with a certificate, by keyboard; the schema's rule is said under the field.
  const somphone = participants.filter({ hasText: 'Somphone Vongsavanh' });
  await somphone.getByTestId('edit-participant').focus();
  await page.keyboard.press('Enter');
  await expect(somphone.getByTestId('participant-status')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(somphone.getByTestId('edit-participant')).toBeFocused();
  await page.keyboard.press('Enter');
  await somphone.getByTestId('participant-attendance').fill('10');
  await somphone.getByTestId('participant-certificate').fill('STEP-LA-2025-001');
  await page.keyboard.press('Enter');
  await expect(somphone.getByTestId('field-error')).toHaveText('A certificate number needs the status "completed".');
  await expect(somphone.getByTestId('participant-certificate')).toHaveValue('STEP-LA-2025-001');
  await somphone.getByTestId('participant-status').selectOption('completed');
  await somphone.getByTestId('participant-completed-on').fill('2025-04-12');
  await somphone.getByTestId('save-participant').click();
  await expect(somphone).toHaveAttribute('data-status', 'completed');
  await expect(somphone.getByTestId('certificate-number')).toHaveText('STEP-LA-2025-001');
  await expect(section.getByTestId('count-completed')).toHaveText('1');
  await expect(section.getByTestId('count-completedWomen')).toHaveText('1');

  // The partner organization, its side suggested from its country; not listed twice in one role.
  const partners = page.getByTestId('partners-section');
  const chooseOrganization = async () => {
    await partners.getByLabel('Organization').fill('Laos');
    await page.getByRole('option', { name: /National University of Laos/ }).click();
  };
  await chooseOrganization();
  await expect(partners.getByTestId('partner-side')).toHaveValue('asean');
  await partners.getByTestId('add-partner').click();
  await expect(partners.getByTestId('partner-row')).toHaveCount(1);
  await expect(partners.getByTestId('partner-row')).toContainText('Implementing');
  await partners.getByTestId('add-partner').click();
  await expect(partners.getByTestId('field-error')).toHaveText('Choose the organization.');
  await chooseOrganization();
  await partners.getByTestId('add-partner').click();
  await expect(partners.getByTestId('field-error')).toHaveText('This organization is already listed in this role.');
  await expect(partners.getByTestId('partner-row')).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);

  // The same, on a page of its own (a training day's enrolment screen).
  await page.goto(`/#/activities/${activityId}/participants`);
  await expect(page.getByTestId('participants-page')).toBeVisible();
  await expect(participants).toHaveCount(2);
  await section.getByTestId('enrol-people').click();
  await section.getByTestId('create-and-enrol').click();
  expect(await seriousViolations(page)).toEqual([]);

  // The person's page shows the participation with its certificate.
  await somphone.getByRole('link', { name: 'Somphone Vongsavanh' }).click();
  await expect(page.getByTestId('person-participation')).toContainText('Rice seed quality training course');
  await expect(page.getByTestId('person-participation')).toContainText('Completed');
  await expect(page.getByTestId('person-participation')).toContainText('STEP-LA-2025-001');
  expect(await seriousViolations(page)).toEqual([]);

  // A person who takes part in an activity cannot be deleted from under it.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByTestId('delete-person').click();
  await expect(page.getByTestId('delete-refused')).toContainText('cannot be deleted');

  // Removing a participation asks first.
  await page.goto(`/#/activities/${activityId}/participants`);
  page.once('dialog', (dialog) => void dialog.accept());
  await participants.filter({ hasText: 'Somchai Jaidee' }).getByTestId('remove-participant').click();
  await expect(participants).toHaveCount(1);
  await expect(page.getByTestId('count-men')).toHaveText('0');
});

test.describe('personal data of a trainee, by role', () => {
  const password = 'correct horse battery staple';
  let server: ServerProcess;

  test.beforeAll(async () => {
    server = new ServerProcess();
    // Users are added before the server starts: PGlite's folder is one process's at a time.
    server.cli(['user', 'add', '--username', 'keo', '--display-name', 'Keo Phommachanh', '--role', 'field-officer', '--countries', 'LA'], { password });
    server.cli(['user', 'add', '--username', 'lin', '--display-name', 'Lin Wei', '--role', 'secretariat'], { password });
    await server.start();
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  /** Syncs now and waits until the sync has completed after this moment. */
  async function syncNow(page: Page): Promise<void> {
    await page.goto('/#/sync');
    const before = (await page.getByTestId('sync-last-success').getAttribute('data-at')) ?? '';
    await page.getByTestId('sync-now').click();
    await expect.poll(async () => (await page.getByTestId('sync-last-success').getAttribute('data-at')) ?? '', { timeout: 30_000 }).not.toBe(before);
    await expect(page.getByTestId('sync-status')).toHaveAttribute('data-state', 'synced');
  }

  test('the officer of the country sees contact details; the Secretariat sees the statistics fields only, and its edit keeps them', async ({ browser }) => {
    test.setTimeout(120_000);
    const officer = await enrolledDesk(browser, server.url, 'keo', password);
    await officer.goto('/#/people/new');
    await officer.getByTestId('person-country').selectOption('LA');
    await officer.getByTestId('person-name-native').fill('ບຸນມີ ສີສຸກ');
    await officer.getByTestId('person-name-romanized').fill('Bounmy Sisouk');
    await officer.getByTestId('person-sex').selectOption('male');
    await officer.getByTestId('person-birth-year').fill('1988');
    await officer.getByTestId('person-roles').getByLabel('Trainee').check();
    await officer.getByTestId('person-email').fill('bounmy@example.la');
    await officer.getByTestId('person-phone').fill('+856 20 5555 0000');
    await officer.getByTestId('save-person').click();
    await expect(officer.getByTestId('person-email')).toHaveText('bounmy@example.la');
    const personUrl = officer.url().replace(/^.*#/, '/#');
    await syncNow(officer);

    const secretariat = await enrolledDesk(browser, server.url, 'lin', password);
    await secretariat.goto(personUrl);
    await expect(secretariat.getByRole('heading', { level: 1 })).toHaveText('Bounmy Sisouk');
    await expect(secretariat.getByTestId('personal-data-hidden')).toBeVisible();
    await expect(secretariat.getByTestId('person-detail')).not.toContainText('bounmy@example.la');
    await expect(secretariat.getByTestId('person-detail')).not.toContainText('1988');
    await expect(secretariat.getByTestId('person-email')).toHaveCount(0);
    // Nor does the record's history show them.
    await expect(secretariat.getByTestId('history-entry').first()).toBeVisible();
    await expect(secretariat.locator('[data-testid="history-entry"][data-field="email"]')).toHaveCount(0);
    await expect(secretariat.locator('[data-testid="history-entry"][data-field="birthYear"]')).toHaveCount(0);

    // The Secretariat corrects the position: the form neither shows nor blanks the personal data.
    await secretariat.getByTestId('edit-person').click();
    await expect(secretariat.getByTestId('personal-data-hidden')).toBeVisible();
    await expect(secretariat.getByTestId('person-email')).toHaveCount(0);
    await expect(secretariat.getByTestId('person-birth-year')).toHaveCount(0);
    await secretariat.getByTestId('person-position').fill('Extension officer');
    await secretariat.getByTestId('save-person').click();
    await expect(secretariat.getByTestId('person-detail')).toContainText('Extension officer');
    await syncNow(secretariat);

    await syncNow(officer);
    await officer.goto(personUrl);
    await expect(officer.getByTestId('person-detail')).toContainText('Extension officer');
    await expect(officer.getByTestId('person-email')).toHaveText('bounmy@example.la');
    await expect(officer.getByTestId('person-phone')).toHaveText('+856 20 5555 0000');
    await expect(officer.getByTestId('person-birth-year')).toHaveText('1988');
  });
});
