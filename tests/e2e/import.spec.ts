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
  await expect.poll(async () => (await popup.locator('button.person .name').allTextContents()).sort()).toEqual(['Maria Jansen', 'Pieter de Vries', 'Zoë Ødegård']);
  await popup.getByRole('button', { name: /Pieter de Vries/ }).click();
  await expect(popup.locator('#notes')).toHaveValue('Met at the kickoff, 2024.\nLikes "straight talk".');
  await expect(popup.getByLabel('Keep in touch')).toHaveValue('90');
});

test('a broken file gets a clear error and nothing changes', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByLabel('File').setInputFiles({ name: 'cut.vcf', mimeType: 'text/vcard', buffer: Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half\r\nEMAIL:half@x.nl\r\n') });
  await expect(options.getByRole('alert')).toHaveText('cut.vcf cannot be imported: no card could be read; the first: card 1 (line 1): the file ends inside a card (no END:VCARD): is it cut short?');
  const popup = await openPopup(context, extensionId);
  expect((await storeCounts(popup)).people ?? 0).toBe(0);
});

test('issue 18: an Outlook 2.1 vCard, a Windows-1252 file with a bad card, and a Dutch semicolon CSV, each previewed and imported', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const preview = options.locator('.preview');
  const importIt = async (created: number) => {
    await preview.getByRole('button', { name: 'Import' }).click();
    await expect(options.getByRole('status').filter({ hasText: 'Imported' })).toHaveText(`Imported: ${created} new people, 0 merged into people you had.`);
  };

  // A real Outlook 2019 export: bare parameters, quoted-printable, CR LF.
  await options.getByLabel('File').setInputFiles(join(FIXTURES, 'contacts', 'real', 'outlook-2019-2.1.vcf'));
  await expect(preview).toContainText('1 new people');
  await importIt(1);

  // Windows-1252 without a declaration, one card cut short in the middle: read as a guess, said
  // so, the bad card named, the rest imported.
  const latin = Buffer.concat([
    Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zo', 'latin1'), Buffer.from([0xeb]), Buffer.from(' Visser\r\nEMAIL:zoe@visser.example\r\nEND:VCARD\r\n', 'latin1'),
    Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half\r\nEMAIL:half@x.nl\r\n', 'latin1'),
    Buffer.from('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Andr', 'latin1'), Buffer.from([0xe9]), Buffer.from(' M', 'latin1'), Buffer.from([0xfc]), Buffer.from('ller\r\nEMAIL:andre@muller.example\r\nEND:VCARD\r\n', 'latin1'),
  ]);
  await options.getByLabel('File').setInputFiles({ name: 'oud-adresboek.vcf', mimeType: 'text/vcard', buffer: latin });
  await expect(preview).toContainText('2 new people');
  await expect(preview.getByRole('status')).toHaveText('Read as Windows-1252 (Western European): the file does not say which encoding it uses. Check that the names look right before importing. For example: Zoë Visser, André Müller');
  await preview.getByText('1 could not be read and will be left out').click();
  await expect(preview).toContainText('card 2 (line 6): a new card begins before this one ended (no END:VCARD)');
  await options.screenshot({ path: 'test-results/import-preview-issue18.png', fullPage: true });
  await importIt(2);

  // Outlook in Dutch as Excel saves it in Europe: semicolons, a byte-order mark.
  const csv = '\uFEFF"Voornaam";"Achternaam";"E-mailadres";"E-mailtype";"Notities";"Categorieën"\r\n"Maria";"Jansen";"m.jansen@rijnmond-zorg.nl";"SMTP";"Zorg, regio Rijnmond";"Klant"\r\n';
  await options.getByLabel('File').setInputFiles({ name: 'contactpersonen.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(preview).toContainText('Addresses from the column “E-mailadres”; names from “Voornaam”, “Achternaam”.');
  await importIt(1);

  const popup = await openPopup(context, extensionId);
  await popup.getByRole('tab', { name: 'People' }).click();
  await expect.poll(async () => (await popup.locator('button.person .name').allTextContents()).sort()).toEqual(['André Müller', 'Maria Jansen', 'Sir surename secondname forename jun.', 'Zoë Visser']);
  await popup.getByRole('button', { name: /Maria Jansen/ }).click();
  await expect(popup.locator('#notes')).toHaveValue('Zorg, regio Rijnmond');
});

test('issue 18: a table Kring does not know is read by its column of addresses, and the user can name the name column', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const preview = options.locator('.preview');
  await options.getByLabel('File').setInputFiles({ name: 'ledenlijst.csv', mimeType: 'text/csv', buffer: Buffer.from('Wie;Contact;Plaats\r\nPiet de Vries;piet@devries.example;Utrecht\r\nKees Bakker;kees@bakker.example;Delft\r\n', 'utf8') });
  await expect(preview).toContainText('Addresses from the column “Contact”; names from (no column).');
  await preview.getByText('Choose other columns').click();
  await preview.getByLabel('Names from').selectOption({ label: 'Wie' });
  await expect(preview).toContainText('Addresses from the column “Contact”; names from “Wie”.');
  await expect(preview).toContainText('2 new people');
  await options.screenshot({ path: 'test-results/import-columns.png', fullPage: true });
  await preview.getByRole('button', { name: 'Import' }).click();
  await expect(options.getByRole('status').filter({ hasText: 'Imported' })).toHaveText('Imported: 2 new people, 0 merged into people you had.');
  const popup = await openPopup(context, extensionId);
  await popup.getByRole('tab', { name: 'People' }).click();
  await expect.poll(async () => (await popup.locator('button.person .name').allTextContents()).sort()).toEqual(['Kees Bakker', 'Piet de Vries']);
});
