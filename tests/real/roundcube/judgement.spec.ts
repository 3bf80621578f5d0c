/**
 * Kring's judgement on a real mailbox (issue 17): 18 months of generated mail (generated-mailbox.mjs,
 * with the ground truth of every message) served by the real Roundcube harness, both folders' lists
 * loaded and every message opened with Kring on, six people added to the network through the popup.
 * What Kring stored and what the popup says are compared with expectations computed here from the
 * ground truth by the rules the README states (section "How Kring judges").
 */
import { expect, type Page } from '@playwright/test';
import { builtForTests, ORIGIN, realWebmailTest, stored, turnOnForSite, type Stored } from '../kring';
import { popupUrl } from '../../e2e/fixtures';
// @ts-expect-error plain ESM module without types
import { missing, startRoundcube } from './server.mjs';
import { logInToRoundcube } from './login';
// @ts-expect-error plain ESM module without types
import { forHarness, generateMailbox, NETWORK, NOT_PEOPLE, OWNER, PASSWORD } from './generated-mailbox.mjs';

interface Truth {
  folder: 'INBOX' | 'Sent';
  at: number;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  conv: string;
  kind: 'mail' | 'newsletter' | 'notification' | 'list' | 'crowd';
}

const DAY = 86_400_000;
// The mailbox is made for the moment the run starts: its newest mail is hours old, as in real use.
const NOW = Math.floor(Date.now() / 60_000) * 60_000;
const MAILBOX: Truth[] = generateMailbox(NOW);

const test = realWebmailTest(() => startRoundcube({ user: OWNER.address, password: PASSWORD, messages: forHarness(MAILBOX), pageSize: 200 }));
test.describe.configure({ mode: 'serial' });
test.skip(missing().length > 0, `the real Roundcube test needs ${missing().join(', ')}; bash .ci/run provides them`);
test.skip(!builtForTests(), 'the test build is missing: npm run build:test');

// ---- The README's rules, applied to the ground truth -------------------------------------------

const automated = new Set<string>([...NOT_PEOPLE.automated, ...NOT_PEOPLE.lists]);
const MAX_RECIPIENTS_TO_CREATE = 20;

/** Who each message is contact with, and how: the owner's mail is "out" to every recipient; a mail
 * to the owner is "in" from its sender and "cc" for the others on it; a list post that did not
 * address the owner is seen ("cc") with its poster; automated senders and lists are nobody. */
function contactsOf(m: Truth): { address: string; direction: 'in' | 'out' | 'cc' }[] {
  if (automated.has(m.from)) return [];
  if (m.from === OWNER.address) return [...m.to, ...m.cc].filter((a) => !automated.has(a)).map((address) => ({ address, direction: 'out' as const }));
  const toOwner = [...m.to, ...m.cc].includes(OWNER.address);
  const others = [...m.to, ...m.cc].filter((a) => a !== OWNER.address && !automated.has(a));
  return [{ address: m.from, direction: toOwner ? ('in' as const) : ('cc' as const) }, ...others.map((address) => ({ address, direction: 'cc' as const }))];
}

/** Crowds (more than 20 recipients) create nobody; people already known still get the contact. */
const isCrowd = (m: Truth) => m.to.length + m.cc.length > MAX_RECIPIENTS_TO_CREATE;

function expectedFromTruth() {
  // People: everyone a non-crowd message is contact with.
  const people = new Set<string>();
  for (const m of MAILBOX) if (!isCrowd(m)) for (const c of contactsOf(m)) people.add(c.address);
  const interactions: string[] = [];
  for (const m of MAILBOX) for (const c of contactsOf(m)) if (people.has(c.address)) interactions.push(`${m.folder}|${c.address}|${c.direction}|${m.at}`);
  // Last contact: the newest "in" or "out" (a Cc is not contact).
  const last = new Map<string, number>();
  for (const m of MAILBOX)
    for (const c of contactsOf(m)) if (people.has(c.address) && c.direction !== 'cc') last.set(c.address, Math.max(last.get(c.address) ?? 0, m.at));
  return { people, interactions: interactions.sort(), last };
}

/** Replies owed: per conversation, with the people in it; you owe one when the newest message is
 * theirs to you; they owe one when you opened the conversation and wrote last; only conversations
 * whose newest message is at most 30 days old, and not from automated senders or lists. */
function repliesFromTruth() {
  const byConv = new Map<string, Truth[]>();
  for (const m of MAILBOX) if (m.kind === 'mail') byConv.set(m.conv, [...(byConv.get(m.conv) ?? []), m]);
  const youOwe: string[] = [];
  const theyOwe: string[] = [];
  for (const msgs of byConv.values()) {
    msgs.sort((a, b) => a.at - b.at);
    const first = msgs[0]!;
    const latest = msgs.at(-1)!;
    if (NOW - latest.at > 30 * DAY) continue;
    if (latest.from !== OWNER.address && latest.to.includes(OWNER.address)) youOwe.push(latest.from);
    else if (latest.from === OWNER.address && first.from === OWNER.address) theyOwe.push(...latest.to);
  }
  return { youOwe: youOwe.sort(), theyOwe: theyOwe.sort() };
}

const nameOf = (address: string) => {
  const m = MAILBOX.find((x) => x.from === address);
  const raw = m ? /^From: (.*) </m.exec((m as unknown as { raw: string }).raw)?.[1] : undefined;
  return raw ?? address;
};

// ---- Through the real UI -------------------------------------------------------------------------

async function openEvery(mail: Page, folder: 'INBOX' | 'Sent') {
  await mail.goto(`${ORIGIN}/?_task=mail&_mbox=${folder}`);
  await mail.waitForSelector('tr[id^="rcmrow"]');
  const count = MAILBOX.filter((m) => m.folder === folder).length;
  await expect(mail.locator('tr[id^="rcmrow"]')).toHaveCount(count);
  await mail.waitForTimeout(800); // the list's report
  for (let uid = 1; uid <= count; uid++) {
    await mail.goto(`${ORIGIN}/?_task=mail&_mbox=${folder}&_uid=${uid}&_action=show`);
    await mail.waitForSelector('h2.subject');
    await mail.waitForTimeout(450); // past the detector's debounce, so the report is sent before the next page
  }
}

async function addToNetwork(popup: Page, address: string, cadenceDays: number) {
  await popup.getByRole('tab', { name: 'People' }).click();
  await popup.getByLabel('Search names, addresses, domains, tags and notes').fill(address);
  await popup.locator('ul.people li').first().click();
  await expect(popup.locator('.person-detail .addresses')).toContainText(address);
  await popup.getByRole('button', { name: 'Add to my network' }).click();
  await popup.locator('select#cadence').selectOption(String(cadenceDays));
  await expect(popup.locator('select#cadence')).toHaveValue(String(cadenceDays));
  await popup.getByRole('button', { name: 'Back' }).click();
}

async function personPage(popup: Page, address: string) {
  await popup.getByRole('tab', { name: 'People' }).click();
  await popup.getByLabel('Search names, addresses, domains, tags and notes').fill(address);
  await popup.locator('ul.people li').first().click();
  await expect(popup.locator('.person-detail .addresses')).toContainText(address);
  const text = (await popup.locator('.person-detail').innerText()).replace(/\s+/g, ' ');
  await popup.getByRole('button', { name: 'Back' }).click();
  return text;
}

const personOf = (s: Stored, address: string) => s.people.find((p) => p.id === s.addresses.find((a) => a.address === address)?.personId);

test('a generated mailbox of 18 months, opened in a real Roundcube: what Kring stores, its Due list, replies owed both ways, rhythms and who is a person follow from the ground truth', async ({ kring: context, extensionId, server }) => {
  test.setTimeout(600_000);
  const started = Date.now();
  const options = await turnOnForSite(context, extensionId);
  const mail = await logInToRoundcube(context, OWNER.address, PASSWORD, server.dir);
  await openEvery(mail, 'INBOX');
  await openEvery(mail, 'Sent');
  const captured = Date.now() - started;

  // What was stored: every contact of every message, with its direction and its true date.
  const want = expectedFromTruth();
  // The last reports land within a moment; wait until the store stops changing, then compare.
  let before = -1;
  await expect.poll(async () => { const n = (await stored(options)).interactions.length; const settled = n === before; before = n; return settled; }, { timeout: 20_000, intervals: [1000] }).toBe(true);
  const s = await stored(options);
  const got = s.interactions.map((i) => `${i.sourceId.split('/')[0]}|${i.address}|${i.direction}|${i.at}`).sort();
  expect(got).toEqual(want.interactions);
  expect(s.interactions.filter((i) => i.atEstimated)).toEqual([]);
  // Who is a person: the correspondents, the list's posters; not the newsletter, notifications,
  // the list, the owner, or the 23 strangers of the two crowds.
  expect(s.addresses.map((a) => a.address).filter((a) => !a.startsWith('name:')).sort()).toEqual([...want.people].sort());
  for (const [address, at] of want.last) expect(personOf(s, address)?.lastContact, address).toBe(at);

  // The network, as a user makes it in the popup.
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 420, height: 800 });
  await popup.goto(popupUrl(extensionId));
  for (const p of NETWORK as { address: string; cadence: number }[]) await addToNetwork(popup, p.address, p.cadence);

  // The Due list: network people whose last contact plus cadence falls within a week, most
  // overdue (in cadences) first.
  const now = Date.now();
  const due = (NETWORK as { address: string; cadence: number }[])
    .map((p) => ({ name: nameOf(p.address), due: want.last.get(p.address)! + p.cadence * DAY, cadence: p.cadence }))
    .filter((p) => p.due <= now + 7 * DAY)
    .sort((a, b) => (now - b.due) / b.cadence - (now - a.due) / a.cadence);
  await popup.getByRole('tab', { name: 'Due' }).click();
  await expect(popup.locator('.due-row .name')).toHaveText(due.map((d) => d.name));

  // Replies owed, both ways.
  const replies = repliesFromTruth();
  const rows = [...replies.youOwe.map((a) => `You owe ${nameOf(a)} a reply`), ...replies.theyOwe.map((a) => `${nameOf(a)} owes you a reply`)];
  await expect(popup.locator('section[aria-labelledby="owed-h"] .name')).toHaveText(rows);
  await popup.screenshot({ path: 'test-results/judgement-due.png' });

  // Rhythm: offered from the person's own history where it differs from the chosen cadence; quiet
  // only for the one who fell silent; nothing from too little history; Anna's two addresses.
  const rhythm: Record<string, string | null> = {};
  const quiet: Record<string, boolean> = {};
  for (const p of NETWORK as { address: string }[]) {
    const text = await personPage(popup, p.address);
    rhythm[p.address] = /Their rhythm suggests (.+?)\./.exec(text)?.[1] ?? null;
    quiet[p.address] = text.includes('Quiet for much longer than usual');
  }
  const expectedRhythm = Object.fromEntries((NETWORK as { address: string; expect: string | null }[]).map((p) => [p.address, p.expect]));
  expect(rhythm).toEqual(expectedRhythm);
  expect(Object.entries(quiet).filter(([, q]) => q).map(([a]) => a)).toEqual(['m.dijkstra@gemeente.test']);
  expect(await personPage(popup, 'anna@jansen-zorg.test')).toMatch(/maybe the same person/i); // a heading, upper-cased by CSS

  console.log(`judgement: ${MAILBOX.length} messages, ${s.interactions.length} interactions, captured through the UI in ${(captured / 1000).toFixed(0)} s`);
});
