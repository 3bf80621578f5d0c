// The built manifest asks for exactly what Kring needs, and nothing more.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION, expect, test } from './fixtures';

test('the Chrome manifest has exactly the expected permissions and hosts', () => {
  const manifest = JSON.parse(readFileSync(join(EXTENSION, 'manifest.json'), 'utf8'));
  expect(manifest.manifest_version).toBe(3);
  // scripting and activeTab (issue 11: sites the user turns Kring on for) show no install warning.
  // alarms: the 15-minute CardDAV sync (issue 19), only while a server is connected.
  expect(manifest.permissions).toEqual(['storage', 'unlimitedStorage', 'scripting', 'activeTab', 'alarms']);
  expect(manifest.host_permissions).toEqual([
    'https://mail.google.com/*',
    'https://calendar.google.com/*',
    'https://outlook.live.com/*',
    'https://outlook.office.com/*',
    'https://outlook.office365.com/*',
  ]);
  // Reminders (issue 20): asked when the user turns them on, never at install.
  expect(manifest.optional_permissions).toEqual(['notifications']);
  // Other sites are asked for one origin at a time, when the user turns Kring on there; never at install.
  expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
  expect(manifest.externally_connectable).toBeUndefined();
  expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  // Only the sidebar page may be framed; by any web page, as the sites a user turns on are not known
  // ahead. It answers a tab's page only while that tab shows the site that reported it (security spec).
  // Its address changes every session (use_dynamic_url, issue 16): a page cannot frame it from its
  // fixed address or tell by fetching it that Kring is installed.
  expect(manifest.web_accessible_resources).toEqual([{ resources: ['sidebar.html'], matches: ['https://*/*', 'http://*/*'], use_dynamic_url: true }]);
  expect(manifest.commands).toEqual({
    'toggle-sidebar': { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_commandToggleSidebar__' },
  });
  // One content script per provider family, each only on its own hosts, top frames only. The site
  // script (content-scripts/site.js) is registered at run time, per site, never in the manifest.
  const scripts = Object.fromEntries(manifest.content_scripts.map((c: { js: string[]; matches: string[] }) => [c.js.join(), [...c.matches].sort()]));
  expect(scripts).toEqual({
    'content-scripts/gmail.js': ['https://mail.google.com/*'],
    'content-scripts/google-calendar.js': ['https://calendar.google.com/*'],
    'content-scripts/outlook.js': ['https://outlook.live.com/*', 'https://outlook.office.com/*', 'https://outlook.office365.com/*'],
  });
  expect(manifest.content_scripts.every((c: { all_frames?: boolean }) => !c.all_frames)).toBe(true);
  expect([...manifest.content_scripts.flatMap((c: { matches: string[] }) => c.matches)].sort()).toEqual([...manifest.host_permissions].sort());
});

test("Gmail's content script leaves to the background what it finishes on receipt: no date tables, no address objects", () => {
  // issue 22: the date tables of eight languages and the URL interface are held by every tab that
  // loads them. Gmail's dates are read on receipt (src/detect/receive.ts); its address is `location`.
  const script = (name: string) => readFileSync(join(EXTENSION, 'content-scripts', name), 'utf8');
  const gmail = script('gmail.js');
  for (const word of ['januari', 'listopad', 'dezember']) expect(gmail, word).not.toContain(word);
  expect(gmail).not.toContain('new URL(');
  // The words are the tables' own: the scripts that read dates in the page carry them.
  for (const word of ['januari', 'listopad']) expect(script('outlook.js'), word).toContain(word);
});
