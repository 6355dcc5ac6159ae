import { expect, test } from '@playwright/test';

test('register an organization, fix a bad e-mail, and find it by its native name', async ({ page }) => {
  await page.goto('/#/organizations');
  await expect(page.getByTestId('organizations-empty')).toBeVisible();
  await page.getByTestId('new-organization').click();
  await page.getByTestId('org-name-en').fill('National University of Laos');
  await page.getByTestId('org-email').fill('not-an-address');
  await page.getByTestId('save-organization').click();
  await expect(page.getByText('Enter a valid e-mail address.')).toBeVisible();
  await expect(page.getByText('Choose the type of organization.')).toBeVisible();
  await expect(page.getByTestId('org-name-en')).toHaveValue('National University of Laos');

  await page.getByLabel('Also written in').selectOption('lo');
  await page.getByTestId('org-name-lo').fill('ມະຫາວິທະຍາໄລແຫ່ງຊາດລາວ');
  await page.getByTestId('org-type').selectOption('university');
  await page.getByTestId('org-country').selectOption('LA');
  await page.getByTestId('org-email').fill('info@nuol.edu.la');
  await page.getByTestId('save-organization').click();

  await expect(page.getByTestId('organization-row')).toHaveCount(1);
  await page.getByTestId('organization-search').fill('ແຫ່ງຊາດ');
  await expect(page.getByTestId('organization-row')).toContainText('National University of Laos');
  await page.getByTestId('organization-search').fill('Hanoi');
  await expect(page.getByTestId('organization-row')).toHaveCount(0);
});
