// House rules from ARCHITECTURE.md that a reviewer would otherwise have to remember.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(ROOT, dir))) {
    const rel = join(dir, name);
    if (statSync(join(ROOT, rel)).isDirectory()) out.push(...files(rel));
    else if (/\.(ts|tsx|mts|mjs|js)$/.test(name)) out.push(rel);
  }
  return out;
}

/** Each import of a file: a project path (resolved, without extension) or a package name. */
function imports(file: string): { spec: string; target: string; typeOnly: boolean }[] {
  const src = readFileSync(join(ROOT, file), 'utf8');
  const out = [];
  const re = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'"]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (let m; (m = re.exec(src)); ) {
    const spec = (m[3] ?? m[4])!;
    const target = spec.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), spec)).replace(/\.(ts|tsx)$/, '') : spec;
    out.push({ spec, target, typeOnly: Boolean(m[2]) });
  }
  return out;
}

const under = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

/** Who may import whom (ARCHITECTURE.md, "Boundaries"). Packages are listed as allowed names. */
const RULES: { from: string; allow: (t: string, typeOnly: boolean) => boolean }[] = [
  { from: 'src/detect', allow: (t) => under(t, 'src/detect') },
  // The domain types (Person, Interaction, Direction…): plain data, imported by everyone, importing nothing.
  { from: 'src/model', allow: () => false },
  // The pure rules import nothing of the store (issue 20): the types they share live in src/model.
  // Organisations: the Public Suffix List (tldts) and the list of mail providers, both maintained packages.
  { from: 'src/network', allow: (t, typeOnly) => under(t, 'src/network') || (typeOnly && t === 'src/model/types') || t === 'tldts' || t === 'email-providers/all.json' },
  { from: 'src/io', allow: (t, typeOnly) => under(t, 'src/io') || (typeOnly && (under(t, 'src/store') || under(t, 'src/model'))) || ['ical.js', 'papaparse', 'zod'].includes(t) },
  {
    from: 'src/capture',
    allow: (t) =>
      under(t, 'src/capture') || under(t, 'src/detect') || t === 'src/messaging/client' || t === 'src/messaging/storage-keys' || t === 'src/messaging/limits' ||
      t === 'wxt/browser' || t.startsWith('wxt/utils/'),
  },
  // CardDAV sync (issue 19): the card mapping and the merge are pure, on the vCard code of src/io.
  // Its schedule takes the settings page's messages, by their types only.
  // It uses the pure rules (src/network: which addresses are name keys).
  { from: 'src/sync', allow: (t, typeOnly) => under(t, 'src/sync') || under(t, 'src/io') || under(t, 'src/store') || under(t, 'src/model') || under(t, 'src/network') || t === 'tsdav' || (typeOnly && t === 'src/messaging/protocol') },
  // The team (issue 21): keyed hashes and entries (pure), published and synced with sync's CardDAV client.
  { from: 'src/team', allow: (t, typeOnly) => ['src/team', 'src/sync', 'src/io', 'src/store', 'src/model', 'src/network'].some((d) => under(t, d)) || (typeOnly && t === 'src/messaging/protocol') },
  // Site registration (issue 11): the registry takes the browser APIs it is given (browser.ts gives them).
  { from: 'src/sites', allow: (t) => t === 'src/messaging/storage-keys' || under(t, 'src/sites') || t === 'wxt/browser' },
  // Shared by the content script and the schemas: plain numbers, no imports (zod stays out of tabs).
  { from: 'src/messaging/limits', allow: () => false },
  {
    from: 'src/messaging/client',
    allow: (t) => t === 'wxt/browser' || under(t, 'src/detect'),
  },
  {
    from: 'src/background',
    // Sync and the team are wired in by entrypoints/background.ts; the handlers know their runners' types only.
    allow: (t, typeOnly) => ['src/background', 'src/model', 'src/store', 'src/network', 'src/messaging/server', 'src/messaging/protocol', 'src/messaging/storage-keys', 'src/messaging/limits'].some((d) => under(t, d)) || (typeOnly && (under(t, 'src/sync') || under(t, 'src/team'))),
  },
  {
    from: 'src/ui',
    allow: (t, typeOnly) =>
      ['src/ui', 'src/model', 'src/store', 'src/network', 'src/io', 'src/sites', 'src/messaging/client', 'src/messaging/storage-keys', 'public/_locales'].some((d) => under(t, d)) ||
      t === 'src/detect/scrub' ||
      // Sync's storage keys and status types (no DAV client in a page), and its messages' types.
      t === 'src/sync/config' ||
      t === 'src/team/config' ||
      // The team's lookups (crypto and an index read), not its DAV client.
      t === 'src/team/lookup' ||
      // The entry format (pure), to show the member their own published cards.
      t === 'src/team/entry' ||
      (typeOnly && t === 'src/messaging/protocol') ||
      ['preact', 'preact/hooks', 'dexie', 'wxt/browser'].includes(t),
  },
  ...['gmail', 'google-calendar', 'outlook', 'site'].map((name) => ({
    from: `entrypoints/${name}.content`,
    allow: (t: string) => under(t, 'src/capture') || under(t, 'src/detect') || t === 'wxt/browser' || t.startsWith('wxt/utils'),
  })),
];

describe('import boundaries', () => {
  const all = [...files('src'), ...files('entrypoints')];
  it.each(RULES.map((r) => [r.from, r] as const))('%s imports only what ARCHITECTURE.md allows', (_, rule) => {
    const offenders: string[] = [];
    for (const f of all.filter((f) => under(f.replace(/\.(ts|tsx)$/, ''), rule.from) || under(f, rule.from))) {
      for (const i of imports(f)) if (!rule.allow(i.target, i.typeOnly)) offenders.push(`${f} → ${i.spec}`);
    }
    expect(offenders).toEqual([]);
  });

  it('the rule checker sees a crossing when there is one', () => {
    const detectRule = RULES.find((r) => r.from === 'src/detect')!;
    expect(detectRule.allow('src/store/db', false)).toBe(false);
    expect(imports('src/background/ingest.ts').map((i) => i.target)).toContain('src/store/settings');
  });
});

describe('no unsafe sinks', () => {
  const SINK = /\b(innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write|eval\s*\(|new Function\b|setTimeout\(\s*['"`])/;
  it('no source file writes HTML from strings or evaluates code', () => {
    const offenders = [...files('src'), ...files('entrypoints'), ...files('cli')].filter((f) => SINK.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
  it('the sink pattern catches what it should', () => {
    for (const bad of ['el.innerHTML = x', 'el.insertAdjacentHTML("a", x)', '<div dangerouslySetInnerHTML={x} />', 'eval(x)', 'new Function("x")']) {
      expect(SINK.test(bad), bad).toBe(true);
    }
  });
});

describe('no network', () => {
  it('no source file makes requests, except sync and team code talking to the CardDAV server the user connected', () => {
    const NET = /\b(fetch\s*\(|XMLHttpRequest|WebSocket\s*\(|sendBeacon|EventSource\s*\()/;
    const offenders = [...files('src'), ...files('entrypoints')].filter((f) => !under(f, 'src/sync') && !under(f, 'src/team') && NET.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
