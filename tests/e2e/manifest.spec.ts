// The built manifest asks for exactly what Kring needs, and nothing more.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION, expect, test } from './fixtures';

test('the Chrome manifest has exactly the expected permissions and hosts', () => {
  const manifest = JSON.parse(readFileSync(join(EXTENSION, 'manifest.json'), 'utf8'));
  expect(manifest.manifest_version).toBe(3);
  expect(manifest.permissions).toEqual(['storage', 'unlimitedStorage']);
  expect(manifest.host_permissions).toEqual([
    'https://mail.google.com/*',
    'https://calendar.google.com/*',
    'https://outlook.live.com/*',
    'https://outlook.office.com/*',
    'https://outlook.office365.com/*',
  ]);
  expect(manifest.optional_permissions).toBeUndefined();
  expect(manifest.externally_connectable).toBeUndefined();
  expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  expect(manifest.web_accessible_resources).toBeUndefined();
});
