import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export interface Fixture {
  provider: string;
  file: string;
  path: string;
  url: string;
  expectedPath: string;
}

/** Every fixture page under tests/fixtures/<provider>/, with the URL it is served at (urls.json). */
export function listFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const provider of readdirSync(FIXTURES)) {
    const dir = join(FIXTURES, provider);
    if (!statSync(dir).isDirectory()) continue;
    let urls: Record<string, string> = {};
    try {
      urls = JSON.parse(readFileSync(join(dir, 'urls.json'), 'utf8'));
    } catch {
      /* a folder without urls.json fails the convention test */
    }
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.html'))) {
      out.push({
        provider,
        file,
        path: join(dir, file),
        url: urls[file] ?? '',
        expectedPath: join(dir, file.replace(/\.html$/, '.expected.json')),
      });
    }
  }
  return out;
}

export function loadDocument(pathOrHtml: string, url: string, isHtml = false): Document {
  const html = isHtml ? pathOrHtml : readFileSync(pathOrHtml, 'utf8');
  return new JSDOM(html, { url, virtualConsole: new VirtualConsole() }).window.document;
}
