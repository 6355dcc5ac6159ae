import { readFileSync, writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import Papa from 'papaparse';
import readExcelFile, { readSheet } from 'read-excel-file/node';
import writeExcelFile from 'write-excel-file/node';
import { watchProgress } from './support';

/**
 * The spreadsheet round trip, as a field officer enrolling a course: thirty trainees in an XLSX file,
 * three of them wrong; the check names the bad rows; the good ones are enrolled; the same file again
 * adds nothing. Then the people list goes out to XLSX and CSV with every script intact.
 */
const courseId = '0194a3b0-0000-7000-8000-00000000c0de';
const course = {
  entity: 'activity',
  id: courseId,
  createdAt: '2025-03-01T00:00:00.000Z',
  updatedAt: '2025-03-01T00:00:00.000Z',
  title: { en: 'Post-harvest rice technology training course', zh: '水稻收获后处理技术培训班' },
  details: { kind: 'training-course', deliveryMode: 'in-person' },
  status: 'implementation',
  countries: ['TH', 'LA', 'CN'],
  priorityAreas: ['tech/agriculture'],
  plannedStart: '2025-04-01',
};

const thaiName = 'สมชาย ใจดี';
const trainees: { native: string; romanized: string; sex: string; year: number | null; country: string; email: string | null; status: string | null }[] = [];
const natives = [
  ['สมชาย ใจดี', 'Somchai Jaidee', 'male', 'TH'],
  ['王芳', 'Wang Fang', 'female', 'CN'],
  ['ສົມພອນ ວົງສະຫວັນ', 'Somphone Vongsavanh', 'female', 'LA'],
  ['ประภา ศรีสุข', 'Prapa Srisuk', 'female', 'TH'],
  ['李伟', 'Li Wei', 'male', 'CN'],
] as const;
for (let i = 0; i < 30; i += 1) {
  const [native, romanized, sex, country] = natives[i % natives.length] as (typeof natives)[number];
  trainees.push({ native: i < 5 ? native : `${native} ${i}`, romanized: `${romanized} ${i}`, sex, year: 1980 + i, country, email: i % 3 === 0 ? `trainee${i}@example.org` : null, status: i % 4 === 0 ? 'completed' : null });
}
// Three bad rows (spreadsheet rows 6, 13 and 21: the header is row 1).
Object.assign(trainees[4] as object, { native: '', romanized: '' }); // no name
Object.assign(trainees[11] as object, { sex: 'X' }); // not a sex code
Object.assign(trainees[19] as object, { email: 'not-an-email' }); // not an e-mail address

async function traineeWorkbook(path: string) {
  // Headers in both languages, as people mix them: the desk accepts either.
  const header = ['姓名（本国文字）', 'Name (romanized)', '性别', 'Year of birth', 'Country', 'E-mail', 'Status'];
  const rows = trainees.map((t) => [t.native || null, t.romanized || null, t.sex, t.year, t.country, t.email, t.status]);
  await writeExcelFile([header, ...rows]).toFile(path);
}

async function download(page: Page, click: () => Promise<void>, path: string): Promise<Buffer> {
  const downloading = page.waitForEvent('download');
  await click();
  await (await downloading).saveAs(path);
  return readFileSync(path);
}

async function checkFile(page: Page, file: string) {
  await page.getByTestId('spreadsheet-file').setInputFiles(file);
  await expect(page.getByTestId('dry-run')).toBeVisible();
}

test('enrol 30 trainees from an XLSX file with 3 bad rows; re-import adds nothing; export people to XLSX and CSV', async ({ browser }, testInfo) => {
  const context = await browser.newContext();
  // The File System Access API's save dialog cannot be answered headless: take the download path.
  await context.addInitScript(() => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined }));
  const page = await context.newPage();

  // A training course on this desk.
  const courseFile = testInfo.outputPath('course.ndjson');
  writeFileSync(courseFile, `${JSON.stringify(course)}\n`);
  await page.goto('/#/data?action=import');
  await page.getByTestId('import-file').setInputFiles(courseFile);
  await expect(page.getByTestId('report-stored')).toHaveText('1 record saved');

  // Import as the trainees of that course.
  await page.goto('/#/spreadsheets');
  await page.getByTestId('kind-trainee').check();
  await expect(page.getByTestId('spreadsheet-file')).toBeDisabled();
  await page.getByRole('combobox', { name: 'Course the trainees are enrolled in' }).fill('post-harvest');
  await page.getByRole('option', { name: /Post-harvest rice technology/ }).click();

  // The template comes in the UI language, with the instructions sheet.
  const template = await download(page, () => page.getByTestId('template-xlsx').click(), testInfo.outputPath('template.xlsx'));
  const templateSheets = await readExcelFile(template);
  expect(templateSheets.map((s) => s.sheet)).toEqual(['Trainees of a course', 'Instructions']);
  expect(templateSheets[0]?.data[0]).toEqual(expect.arrayContaining(['Name (native script)', 'Sex', 'Country', 'Certificate number']));

  // A file that is not a spreadsheet is refused with a clear reason.
  const notes = testInfo.outputPath('notes.pdf');
  writeFileSync(notes, '%PDF-1.7 not a spreadsheet');
  await page.getByTestId('spreadsheet-file').setInputFiles(notes);
  await expect(page.getByTestId('spreadsheet-unreadable')).toContainText('not a spreadsheet');

  // The check: 30 rows, 27 to enrol, the 3 bad rows named by row number, column and problem.
  const file = testInfo.outputPath('trainees.xlsx');
  await traineeWorkbook(file);
  await checkFile(page, file);
  await expect(page.getByTestId('dry-run-rows')).toHaveText('30 rows read');
  await expect(page.getByTestId('dry-run-new')).toHaveText('27 trainees to enrol');
  await expect(page.getByTestId('dry-run-errors')).toHaveText('3 rows with errors: not imported');
  const errors = page.getByTestId('row-error');
  await expect(errors).toHaveCount(3);
  await expect(errors.nth(0)).toHaveAttribute('data-row', '6');
  await expect(errors.nth(0)).toContainText('Name (romanized)');
  await expect(errors.nth(0)).toContainText('Enter the name in native script, romanized, or both.');
  await expect(errors.nth(1)).toHaveAttribute('data-row', '13');
  await expect(errors.nth(1)).toContainText('性别');
  await expect(errors.nth(1)).toContainText('“X” is not one of the allowed values (female, male, unspecified).');
  await expect(errors.nth(2)).toHaveAttribute('data-row', '21');
  await expect(errors.nth(2)).toContainText('E-mail');
  await expect(errors.nth(2)).toContainText('Enter a valid e-mail address.');
  await expect(page.getByTestId('dry-run-row').first()).toContainText(thaiName);

  // The check screen, with its error table, passes the accessibility check.
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // The rows with errors can be taken away to correct: the file's own columns and what is wrong.
  const errorCsv = await download(page, () => page.getByTestId('errors-csv').click(), testInfo.outputPath('errors.csv'));
  const errorRows = Papa.parse<string[]>(errorCsv.toString('utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
  expect(errorRows.map((row) => row[0])).toEqual(['Row', '6', '13', '21']);
  expect(errorRows[2]?.at(-1)).toContain('性别');

  // Import: 27 trainees enrolled.
  await page.getByTestId('import-rows').click();
  await expect(page.getByTestId('import-imported')).toHaveText('27 trainees enrolled');
  await expect(page.getByTestId('import-people')).toHaveText('of them 27 new people');
  await expect(page.getByTestId('import-errors')).toHaveText('3 rows not imported');
  await page.getByTestId('open-course').click();
  await expect(page.getByTestId('participants-section')).toBeVisible();
  await expect(page.getByTestId('count-enrolled')).toHaveText('27');

  // The same file again: nothing new, nothing added.
  await page.goto(`/#/spreadsheets?kind=trainee&activity=${courseId}`);
  await checkFile(page, file);
  await expect(page.getByTestId('dry-run-new')).toHaveText('0 trainees to enrol');
  await expect(page.getByTestId('dry-run-existing')).toHaveText('27 already here: nothing imported for them');
  await expect(page.getByTestId('import-rows')).toBeDisabled();
  await expect(page.getByTestId('nothing-to-import')).toBeVisible();
  await page.goto(`/#/activities/${courseId}`);
  await expect(page.getByTestId('count-enrolled')).toHaveText('27');

  // The rows with errors, corrected in the downloaded CSV (saved with semicolons, no BOM), import as well.
  const header = errorRows[0] as string[];
  const fixed = errorRows.map((row) => [...row]);
  (fixed[1] as string[])[header.indexOf('Name (romanized)')] = 'Malee Fixed';
  (fixed[2] as string[])[header.indexOf('性别')] = '男';
  (fixed[3] as string[])[header.indexOf('E-mail')] = 'fixed@example.org';
  const fixedFile = testInfo.outputPath('fixed.csv');
  writeFileSync(fixedFile, Papa.unparse(fixed, { delimiter: ';' }));
  await page.goto(`/#/spreadsheets?kind=trainee&activity=${courseId}`);
  await checkFile(page, fixedFile);
  await expect(page.getByTestId('dry-run-new')).toHaveText('3 trainees to enrol');
  await expect(page.getByTestId('unknown-columns')).toContainText('Row, Problems');
  await page.getByTestId('import-rows').click();
  await expect(page.getByTestId('import-imported')).toHaveText('3 trainees enrolled');
  await page.getByTestId('open-course').click();
  await expect(page.getByTestId('count-enrolled')).toHaveText('30');

  // Export the people list: XLSX and CSV keep the Thai name; the CSV starts with the UTF-8 byte order mark.
  await page.goto('/#/people');
  await expect(page.getByTestId('person-count')).toContainText('30');
  const xlsx = await download(page, () => page.getByTestId('export-xlsx').click(), testInfo.outputPath('people.xlsx'));
  const sheet = await readSheet(xlsx);
  expect(sheet).toHaveLength(31);
  expect(sheet.flat()).toContain(thaiName);
  expect(sheet.flat()).toContain('王芳');
  const csv = await download(page, () => page.getByTestId('export-csv').click(), testInfo.outputPath('people.csv'));
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = Papa.parse<string[]>(csv.toString('utf8').slice(1), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.data).toHaveLength(31);
  expect(parsed.data.flat()).toContain(thaiName);
  expect(parsed.data.flat()).toContain('ສົມພອນ ວົງສະຫວັນ');

  // In Chinese too: the screen is translated and passes the accessibility check.
  await page.goto(`/#/spreadsheets?kind=trainee&activity=${courseId}`);
  await page.getByTestId('language-switch').selectOption('zh');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('从电子表格导入');
  await checkFile(page, file);
  await expect(page.getByTestId('dry-run-existing')).toHaveText('27 条已存在：不会导入');
  await expect(page.getByTestId('dry-run-errors')).toHaveText('3 行有错误：不会导入');
  const axeZh = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axeZh.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await context.close();
});

test('a large file: 3,000 people read, checked and imported with progress; the list of 3,000 exported', async ({ browser }, testInfo) => {
  const context = await browser.newContext();
  await context.addInitScript(() => Object.defineProperty(window, 'showSaveFilePicker', { value: undefined }));
  const page = await context.newPage();
  // Large enough that the zip libraries would hand its parts to a Web Worker, which the desk's CSP refuses.
  const rows: (string | number)[][] = [['Name (native script)', 'Name (romanized)', 'Sex', 'Country', 'Roles', 'Year of birth']];
  for (let i = 0; i < 3000; i += 1) rows.push([`${thaiName} ${i}`, `Somchai Jaidee ${i}`, i % 2 ? 'male' : 'female', 'TH', 'trainee, researcher', 1960 + (i % 45)]);
  const file = testInfo.outputPath('people.xlsx');
  await writeExcelFile(rows).toFile(file);

  await page.goto('/#/spreadsheets?kind=person');
  await checkFile(page, file);
  await expect(page.getByTestId('dry-run-new')).toHaveText('3,000 new people to add');
  await expect(page.getByTestId('dry-run-row')).toHaveCount(200);
  const progress = await watchProgress(page);
  await page.getByTestId('import-rows').click();
  await expect(page.getByTestId('import-imported')).toHaveText('3,000 people added', { timeout: 60_000 });
  expect((await progress()).seen).toBe(true);

  await page.goto('/#/people');
  await expect(page.getByTestId('person-count')).toContainText('3,000');
  const xlsx = await download(page, () => page.getByTestId('export-xlsx').click(), testInfo.outputPath('all-people.xlsx'));
  const sheet = await readSheet(xlsx);
  expect(sheet).toHaveLength(3001);
  expect(sheet.flat()).toContain(`${thaiName} 2999`);
  await context.close();
});
