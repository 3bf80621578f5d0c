import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The browser `npm run dev` opens. CHROMIUM_BIN wins; Debian's chromium is used where it exists.
const chromiumBin =
  process.env.CHROMIUM_BIN ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
// No display (a server, CI, a container): run the dev browser headless instead of failing.
const WEBMAIL_HOSTS = [
  'https://mail.google.com/*',
  'https://calendar.google.com/*',
  'https://outlook.live.com/*',
  'https://outlook.office.com/*',
  'https://outlook.office365.com/*',
];
/**
 * Test builds only (KRING_TEST_HOSTS, comma-separated match patterns, e.g. the loopback Roundcube's
 * http://webmail.example.test/*): these hosts are granted at install, so a test can drive the real
 * opt-in without the browser's permission prompt, which automation cannot answer. Likewise the
 * optional `notifications` permission (reminders) is granted at install there. Such a build goes
 * to .output-test/, never to .output/ or a store zip.
 */
const TEST_HOSTS = (process.env.KRING_TEST_HOSTS ?? '').split(',').filter(Boolean);
/** Sites the user may turn Kring on for, one origin at a time (issue 11; src/sites). */
const ANY_SITE = ['https://*/*', 'http://*/*'];
const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export default defineConfig({
  srcDir: '.',
  outDir: TEST_HOSTS.length ? '.output-test' : '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  hooks: {
    // The polyfill serves the background and Kring's own pages. Content scripts load into every
    // webmail tab and use only APIs that return promises natively in Chrome MV3 and Firefox
    // (runtime.sendMessage, storage.local.get; their one listener answers through sendResponse),
    // so they take the browser's own object: 3 KB gzip less in each tab (bench: inject-gzip).
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((e) => e.type === 'content-script')) return;
      // WXT's entry constructs the context from `wxt/utils/content-script-context`: Kring's own,
      // smaller one (src/capture/context.ts says what it leaves out and why).
      const own = { find: 'wxt/utils/content-script-context', replacement: resolve('src/capture/context.ts') };
      const alias = config.resolve?.alias;
      const kept = Array.isArray(alias) ? alias : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement: replacement as string }));
      (config.resolve ??= {}).alias = [own, ...kept.filter((a) => a.find !== 'wxt/browser')];
      // A script with one character beyond ASCII ("é", "→") is held by the tab as two bytes per
      // character: escaped, the tab holds its source in half the memory (bench: JS heap added).
      (config.plugins ??= []).push({
        name: 'kring:latin1-source',
        enforce: 'post',
        generateBundle(_options: unknown, bundle: Record<string, { type: string; code?: string }>) {
          for (const chunk of Object.values(bundle)) {
            if (chunk.type === 'chunk' && chunk.code) chunk.code = chunk.code.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
          }
        },
      });
    },
  },
  vite: () => ({
    plugins: [preact()],
  }),
  // Firefox gets Manifest V3 too: the same permissions model and the same web-accessible resources
  // limited to the webmail hosts as Chrome (MV2 would expose the sidebar page to every site).
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Exactly what Kring needs; tests/unit/manifest.test.ts holds the exact list.
    // scripting registers the content script on a site the user turns Kring on for; activeTab lets
    // the popup read the address of the tab it was opened over ("Use Kring on this site"). Neither
    // adds an install warning; the sites themselves are optional host permissions, asked one origin
    // at a time.
    // alarms runs CardDAV sync every 15 minutes while the user has connected a server (issue 19);
    // no install warning. The server's origin is asked for at Connect, like a webmail site.
    permissions: ['storage', 'unlimitedStorage', 'scripting', 'activeTab', 'alarms', ...(TEST_HOSTS.length ? ['notifications'] : [])],
    // Reminders (issue 20) are off by default; the settings page asks for this when they are turned on.
    optional_permissions: ['notifications'],
    host_permissions: [...WEBMAIL_HOSTS, ...TEST_HOSTS],
    optional_host_permissions: ANY_SITE,
    action: { default_title: '__MSG_extName__' },
    // The sidebar is an extension page framed in the webmail page. Sites turned on later cannot be
    // listed here ahead of time, so any http(s) page may load the frame; it shows a tab's page only
    // while that tab is on the site that reported it, and only to the frame Kring's content script
    // placed (src/background/index.ts, sidebar/get-page). Its address changes every session
    // (use_dynamic_url, issue 16): a page cannot frame it from its fixed address, nor tell by
    // fetching that address that Kring is installed. (Firefox's moz-extension:// host is a random
    // id per install, but a page where Kring's frame sits can read it; the README says so.)
    web_accessible_resources: [{ resources: ['sidebar.html'], matches: ANY_SITE, use_dynamic_url: true }],
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandToggleSidebar__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              // Fixed, so storage and the moz-extension origin survive reinstalls.
              id: '{6f1c1a6e-7d8b-4c8e-9a37-2b5f0c0e4a11}',
              // 140 ESR: the first with data_collection_permissions (AMO asks for it); MV3 host
              // permissions granted at install (127+) and storage.session (115+) come before.
              strict_min_version: '140.0',
              // Kring collects nothing: everything stays on the device.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  zip: {
    // The sources zip is for addons.mozilla.org review: the code, not caches or test output.
    excludeSources: ['bench/.cache/**', 'test-results/**', 'playwright-report/**', '.tmp/**', '.output-test/**'],
  },
  webExt: {
    binaries: chromiumBin ? { chrome: chromiumBin } : undefined,
    chromiumArgs: [
      ...(headless ? ['--headless=new'] : []),
      ...(asRoot ? ['--no-sandbox'] : []),
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    startUrls: ['https://mail.google.com/'],
  },
});
