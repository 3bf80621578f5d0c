// What the printed contract leaves out, checked by hand on the pages written in other languages
// (issue 15): meeting answers, and a date read from the language's own words.
import { describe, expect, it } from 'vitest';
import { detect } from '../../../src/detect';
import { listFixtures, loadDocument } from '../../helpers/fixtures';

const page = (provider: string, file: string) => {
  const f = listFixtures().find((x) => x.provider === provider && x.file === file)!;
  return detect(loadDocument(f.path, f.url), new URL(f.url));
};
const answers = (d: ReturnType<typeof detect>) => Object.fromEntries(d.items[0]!.people.map((p) => [p.email ?? p.name, p.response ?? null]));

describe('hand-checked pages in other languages', () => {
  it('Outlook calendar in Polish: answers and the end of the meeting', () => {
    const d = page('outlook-calendar', 'event-full-polish.html');
    expect(answers(d)).toEqual({ 'm.kowalska@gdansk-port.example': null, 'sanne.bakker@contoso.nl': 'accepted', 'p.nowak@gdansk-port.example': 'declined', 'Zofia Wiśniewska': 'awaiting' });
    expect(d.items[0]!.end).toBe('2026-11-26T11:00:00+01:00');
  });

  it('Google Calendar in German: answers, the end, and "Optional" is not a name', () => {
    const d = page('google-calendar', 'event-dialog-german.html');
    expect(answers(d)).toEqual({ 'k.wagner@stadtwerke-koeln.example': 'accepted', 'sanne.bakker@gmail.com': 'accepted', 'j.becker@stadtwerke-koeln.example': 'declined', 'm.fischer@example.de': 'awaiting' });
    expect(d.items[0]!.end).toBe('2026-03-05T11:00:00+01:00');
  });

  it('Gmail in German: the message ids also come from the body jslog where the attribute is gone', () => {
    const f = listFixtures().find((x) => x.provider === 'gmail' && x.file === 'thread-german.html')!;
    const doc = loadDocument(f.path, f.url);
    for (const el of Array.from(doc.querySelectorAll('[data-message-id]'))) {
      el.removeAttribute('data-message-id');
      el.removeAttribute('data-legacy-message-id');
    }
    const d = detect(doc, new URL(f.url));
    // The collapsed message's id was only in the attribute; the open one's is in its body's jslog.
    expect(d.items.map((i) => i.id)).toEqual(['19596e402688abea']);
    expect(d.items[0]!.people.map((p) => `${p.role}:${p.email}`)).toEqual(['from:sanne.bakker@gmail.com', 'to:k.wagner@stadtwerke-koeln.example', 'cc:j.becker@stadtwerke-koeln.example']);
    expect(d.degraded).toContain('gmail:message-id-attribute');
  });
});
