// Issue 7: a contacts file imported from the settings page; its people then in the popup.
import { join } from 'node:path';
import { expect, FIXTURES, openPopup, storeCounts, test } from './fixtures';

test('importing a Google Contacts CSV from the settings page puts its people in the popup', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('File').setInputFiles(join(FIXTURES, 'contacts', 'google-contacts.csv'));
  const preview = options.locator('.preview');
  await expect(preview).toContainText('3 new people');
  await expect(preview).toContainText('0 merged into people you have');
  await expect(preview).toContainText('1 skipped');
  await preview.getByText('Why skipped').click();
  await expect(preview).toContainText('Record 4 (Bakkerij Bos): no e-mail address');
  await options.getByLabel('join your network, with the default cadence').check();
  await options.screenshot({ path: 'test-results/import-preview.png', fullPage: true });
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(options.getByRole('status')).toHaveText('Imported: 3 new people, 0 merged into people you had.');

  const popup = await openPopup(context, extensionId);
  expect(await storeCounts(popup)).toMatchObject({ people: 3, addresses: 5 });
  await popup.getByRole('tab', { name: 'People' }).click();
  await popup.getByRole('radio', { name: 'Network' }).click();
  await expect(popup.locator('button.person .name')).toHaveCount(3);
  // Nobody imported has a last contact yet, so their order is not defined.
  expect((await popup.locator('button.person .name').allTextContents()).sort()).toEqual(['Maria Jansen', 'Pieter de Vries', 'Zoë Ødegård']);
  await popup.getByRole('button', { name: /Pieter de Vries/ }).click();
  await expect(popup.locator('#notes')).toHaveValue('Met at the kickoff, 2024.\nLikes "straight talk".');
  await expect(popup.getByLabel('Keep in touch')).toHaveValue('90');
});

test('a broken file gets a clear error and nothing changes', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('File').setInputFiles({ name: 'cut.vcf', mimeType: 'text/vcard', buffer: Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half\r\nEMAIL:half@x.nl\r\n') });
  await expect(options.getByRole('alert')).toHaveText('cut.vcf cannot be imported: card 1 (line 1): the file ends inside a card (no END:VCARD): is it cut short?');
  const popup = await openPopup(context, extensionId);
  expect((await storeCounts(popup)).people ?? 0).toBe(0);
});
