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
  // Only the sidebar page may be framed, and only by the webmail hosts.
  expect(manifest.web_accessible_resources).toEqual([{ resources: ['sidebar.html'], matches: manifest.host_permissions }]);
  expect(manifest.commands).toEqual({
    'toggle-sidebar': { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_commandToggleSidebar__' },
  });
  // One content script per provider family, each only on its own hosts, top frames only.
  const scripts = Object.fromEntries(manifest.content_scripts.map((c: { js: string[]; matches: string[] }) => [c.js.join(), [...c.matches].sort()]));
  expect(scripts).toEqual({
    'content-scripts/gmail.js': ['https://mail.google.com/*'],
    'content-scripts/google-calendar.js': ['https://calendar.google.com/*'],
    'content-scripts/outlook.js': ['https://outlook.live.com/*', 'https://outlook.office.com/*', 'https://outlook.office365.com/*'],
  });
  expect(manifest.content_scripts.every((c: { all_frames?: boolean }) => !c.all_frames)).toBe(true);
  expect([...manifest.content_scripts.flatMap((c: { matches: string[] }) => c.matches)].sort()).toEqual([...manifest.host_permissions].sort());
});
