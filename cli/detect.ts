/**
 * Runs Kring's detectors on a saved page, exactly as the content script would, and prints the
 * detection as JSON. For maintainers when a provider changes its pages, and for bug reports.
 *
 *   npm run --silent detect -- --url 'https://mail.google.com/mail/u/0/#inbox/abc' page.html
 *   npm run --silent detect -- --scrub --url <URL> page.html > scrubbed.html   (safe to share)
 *
 * Dates print in this process's time zone (set TZ to choose one).
 */
import { readFileSync } from 'node:fs';
import { JSDOM, VirtualConsole } from 'jsdom';
import { detect } from '../src/detect';
import { toContract } from '../src/detect/contract';
import { scrubbedCopy } from '../src/detect/scrub';

function withDocument<T>(file: string, url: string, use: (doc: Document) => T): T {
  const html = readFileSync(file, 'utf8');
  // No scripts run and nothing is fetched: the page is data.
  const dom = new JSDOM(html, { url, virtualConsole: new VirtualConsole() });
  try {
    return use(dom.window.document);
  } finally {
    dom.window.close();
  }
}

export function detectFile(file: string, url: string) {
  return withDocument(file, url, (doc) => toContract(detect(doc, new URL(url))));
}

function main(argv: string[]) {
  let url: string | undefined;
  let scrub = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--url') url = argv[++i];
    else if (a.startsWith('--url=')) url = a.slice(6);
    else if (a === '--scrub') scrub = true;
    else if (a === '-h' || a === '--help') return usage(0);
    else files.push(a);
  }
  if (!url || files.length !== 1) return usage(2);
  try {
    new URL(url);
  } catch {
    process.stderr.write(`detect: not a URL: ${url}\n`);
    return 2;
  }
  try {
    const out = scrub
      ? withDocument(files[0]!, url, scrubbedCopy)
      : `${JSON.stringify(detectFile(files[0]!, url), null, 2)}\n`;
    process.stdout.write(out);
    return 0;
  } catch (e) {
    process.stderr.write(`detect: ${(e as Error).message}\n`);
    return 1;
  }
}

function usage(code: number) {
  (code ? process.stderr : process.stdout).write(
    'usage: npm run --silent detect -- [--scrub] --url <page URL> <saved page.html>\n' +
      '  prints the detection as JSON; with --scrub, a copy of the page with personal data replaced\n',
  );
  return code;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  process.exitCode = main(process.argv.slice(2));
}
