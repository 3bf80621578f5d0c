// English and Dutch carry the same messages with the same placeholders, and the UI uses no key
// that does not exist.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (lang: string): Messages => JSON.parse(readFileSync(join(ROOT, 'public/_locales', lang, 'messages.json'), 'utf8'));
const en = load('en');
const nl = load('nl');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((n) => {
    const rel = join(dir, n);
    return statSync(join(ROOT, rel)).isDirectory() ? sources(rel) : /\.(ts|tsx)$/.test(n) ? [rel] : [];
  });
}

describe('locales', () => {
  it('Dutch has exactly the English keys', () => {
    expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
  });
  it('every message has the same placeholders in both languages, and uses them', () => {
    for (const key of Object.keys(en)) {
      expect(Object.keys(nl[key]!.placeholders ?? {}), key).toEqual(Object.keys(en[key]!.placeholders ?? {}));
      for (const name of Object.keys(en[key]!.placeholders ?? {})) {
        expect(en[key]!.message, key).toContain(`$${name.toUpperCase()}$`);
        expect(nl[key]!.message, key).toContain(`$${name.toUpperCase()}$`);
      }
    }
  });
  it('every t("key") in the UI exists', () => {
    const used = new Set<string>();
    for (const f of [...sources('src/ui'), ...sources('entrypoints')]) {
      for (const m of readFileSync(join(ROOT, f), 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9]+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !(k in en))).toEqual([]);
  });
});
