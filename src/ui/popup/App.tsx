/**
 * The popup: whom you are neglecting (Due), everyone (People), and one person's page.
 * Reads the store directly; writes only what the user does.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { DAY, quietLongerThanUsual, suggestedCadence } from '../../network/cadence';
import { isContact } from '../../network/direction';
import { isNameKey } from '../../network/names';
import type { Owed } from '../../network/replies';
import {
  addToNetwork,
  dismissSuggestion,
  forget,
  logContact,
  merge,
  removeFromNetwork,
  setCadence,
  setNotes,
  setTags,
  snooze,
  unmerge,
} from '../../store/actions';
import { db } from '../../store/db';
import { addressesOf, historyOf } from '../../store/people';
import { dueList, repliesOwedNow, suggestionsFor } from '../../store/queries';
import { contactRecords } from '../../store/transfer';
import { serializeVCards } from '../../io/vcard-write';
import { download } from '../download';
import type { Interaction, Person } from '../../model/types';
import { CadencePicker, displayName, InsecureSite, InteractionRow, LastContact, Reason, StatusChip } from '../components';
import { cadenceLabel, duration, monthLabel } from '../format';
import { formatDate, t } from '../i18n';
import { OwnQuestions } from '../own-question';
import { useLive } from '../useLive';
import { useStorageFlag } from '../storage-flag';
import { sites, useSites } from '../sites';
import { siteOrigin } from '../../sites/registry';
import { STORE_FULL } from '../../messaging/storage-keys';
import { SyncWarning } from '../sync-state';

type Tab = 'due' | 'people';
/** Replies owed shown before "show all": the overview must not drown who is due. */
const OWED_SHOWN = 4;
/** Due people rendered before "show all": the most overdue first, the popup stays instant. */
const DUE_SHOWN = 50;

export function App() {
  const [tab, setTab] = useState<Tab>('due');
  const [openId, setOpenId] = useState<string | null>(null);
  const [storeFull] = useStorageFlag(STORE_FULL, 'session');
  if (openId) return <PersonView personId={openId} onBack={() => setOpenId(null)} onOpen={setOpenId} />;
  return (
    <main class="popup">
      <header class="bar">
        <h1>
          <img src="/icon/32.png" alt="" width={18} height={18} /> {t('extName')}
        </h1>
        <div role="tablist" class="tabs" aria-label={t('extName')}>
          {(['due', 'people'] as const).map((k) => (
            <button key={k} type="button" role="tab" id={`tab-${k}`} aria-selected={tab === k} aria-controls={`panel-${k}`} onClick={() => setTab(k)}>
              {t(k === 'due' ? 'tabDue' : 'tabPeople')}
            </button>
          ))}
        </div>
        <button type="button" class="icon-button" aria-label={t('settingsLink')} title={t('settingsLink')} onClick={() => void browser.runtime.openOptionsPage()}>
          ⚙
        </button>
      </header>
      {storeFull && (
        <p class="error banner" role="alert">
          {t('storeFull')}
        </p>
      )}
      <OwnQuestions limit={1} class="banner" />
      <SyncWarning />
      <ThisSite />
      <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'due' ? <DueView onOpen={setOpenId} /> : <PeopleView onOpen={setOpenId} />}
      </section>
    </main>
  );
}

/**
 * "Use Kring on this site": for the webmail in the tab the popup was opened over (issue 11). The
 * browser asks the user for that one site; the tab reloads with Kring in it.
 */
function ThisSite() {
  const [tabInfo, setTabInfo] = useState<{ id: number; origin: string } | null>(null);
  const [warned, setWarned] = useState(false);
  const list = useSites();
  useEffect(() => {
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      const origin = tab?.url ? siteOrigin(tab.url) : null;
      if (origin && tab?.id !== undefined) setTabInfo({ id: tab.id, origin });
    });
  }, []);
  if (!tabInfo || !list) return null;
  const on = list.includes(tabInfo.origin);
  const turnOn = () =>
    void sites.enable(tabInfo.origin).then((r) => {
      if (r.ok) void browser.tabs.reload(tabInfo.id);
    });
  if (warned) return <InsecureSite origin={tabInfo.origin} onAnyway={turnOn} onCancel={() => setWarned(false)} />;
  return (
    <p class="this-site small">
      {on ? (
        <>
          {t('siteOn', new URL(tabInfo.origin).host)}{' '}
          <button type="button" class="link" onClick={() => void sites.disable(tabInfo.origin)}>
            {t('siteTurnOff')}
          </button>
        </>
      ) : (
        <button type="button" onClick={() => (tabInfo.origin.startsWith('http:') ? setWarned(true) : turnOn())}>
          {t('useOnThisSite', new URL(tabInfo.origin).host)}
        </button>
      )}
    </p>
  );
}

function useNames(ids: string[]) {
  return useLive(async () => {
    const people = await db().people.bulkGet(ids);
    const addresses = await Promise.all(ids.map((id) => db().addresses.where('personId').equals(id).first()));
    return new Map(ids.map((id, i) => [id, displayName(people[i], addresses[i]?.address)]));
  }, [ids.join(',')]);
}

function DueView({ onOpen }: { onOpen: (id: string) => void }) {
  const now = Date.now();
  const [allDue, setAllDue] = useState(false);
  const due = useLive(() => dueList(db(), Date.now(), 7, allDue ? Infinity : 200), [allDue]);
  const dueTotal = useLive(() => db().people.where('due').belowOrEqual(Date.now() + 7 * DAY).count(), []);
  const replies = useLive(() => repliesOwedNow(db(), Date.now()), []);
  const [allOwed, setAllOwed] = useState(false);
  // Names only for the rows shown: there can be hundreds of replies owed in a large mailbox.
  const owedIds = [...(replies?.youOwe ?? []), ...(replies?.theyOwe ?? [])].slice(0, allOwed ? undefined : OWED_SHOWN).map((o) => o.personId);
  const names = useNames(owedIds);
  if (!due || !replies) return null;
  const nothing = due.length === 0 && replies.youOwe.length === 0 && replies.theyOwe.length === 0;
  if (nothing) return <p class="empty">{t('emptyDue')}</p>;
  const owedRow = (o: Owed, key: 'youOwe' | 'theyOwe') => (
    <li key={`${key}-${o.threadId}-${o.personId}`}>
      <button type="button" class="row-button" onClick={() => onOpen(o.personId)}>
        <span class="name">{t(key, names?.get(o.personId) ?? '…')}</span>
        <span class="muted small">
          {o.subject ?? t('noSubject')} · {t('since', formatDate(o.since))}
        </span>
      </button>
    </li>
  );
  return (
    <>
      {(replies.youOwe.length > 0 || replies.theyOwe.length > 0) && (
        <section class="section" aria-labelledby="owed-h">
          <h2 id="owed-h" class="small-heading">
            {t('repliesOwedHeading')}
          </h2>
          <ul class="plain">
            {[...replies.youOwe.map((o) => owedRow(o, 'youOwe')), ...replies.theyOwe.map((o) => owedRow(o, 'theyOwe'))].slice(0, allOwed ? undefined : OWED_SHOWN)}
          </ul>
          {!allOwed && replies.youOwe.length + replies.theyOwe.length > OWED_SHOWN && (
            <button type="button" class="link small" onClick={() => setAllOwed(true)}>
              {t('showAll', String(replies.youOwe.length + replies.theyOwe.length))}
            </button>
          )}
        </section>
      )}
      {due.length > 0 && (
        <section class="section" aria-labelledby="due-h">
          <h2 id="due-h" class="small-heading">
            {t('dueHeading')}
          </h2>
          <ul class="plain due-list">
            {due.slice(0, allDue ? undefined : DUE_SHOWN).map(({ person, overdue }) => (
              <li key={person.id} class="due-row" data-person-id={person.id}>
                <button type="button" class="row-button" onClick={() => onOpen(person.id)}>
                  <span class="name">{displayName(person)}</span>
                  <span class={overdue > 0 ? 'overdue small' : 'muted small'}>
                    {person.due! <= now ? (overdue > 0 ? t('overdueBy', duration(now - person.due!)) : t('dueToday')) : t('dueIn', duration(person.due! - now))}
                    {' · '}
                    {cadenceLabel(person.cadenceDays)}
                  </span>
                  <LastContact at={person.lastContact} now={now} />
                </button>
                <div class="actions">
                  <button type="button" class="primary" onClick={() => void logContact(db(), person.id)}>
                    {t('contactedToday')}
                  </button>
                  <button type="button" onClick={() => void snooze(db(), person.id, Date.now() + 7 * DAY)}>
                    {t('snoozeWeek')}
                  </button>
                  <button type="button" onClick={() => void snooze(db(), person.id, Date.now() + 30 * DAY)}>
                    {t('snoozeMonth')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
          {!allDue && (dueTotal ?? 0) > DUE_SHOWN && (
            <button type="button" class="link small" onClick={() => setAllDue(true)}>
              {t('showAll', String(dueTotal))}
            </button>
          )}
        </section>
      )}
    </>
  );
}

type Filter = 'all' | 'network' | 'seen';
const ROW = 56;

function PeopleView({ onOpen }: { onOpen: (id: string) => void }) {
  const data = useLive(async () => {
    const [people, addresses] = await Promise.all([db().people.orderBy('lastContact').reverse().toArray(), db().addresses.toArray()]);
    return { people, addresses };
  }, []);
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [scrollTop, setScrollTop] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);

  const index = useMemo(() => {
    if (!data) return [];
    const byPerson = new Map<string, string[]>();
    for (const a of data.addresses) if (!isNameKey(a.address)) byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), a.address]);
    return data.people.map((p) => {
      const addrs = (byPerson.get(p.id) ?? []).sort();
      return { person: p, addresses: addrs, text: [p.name ?? '', ...addrs, ...p.tags, p.notes].join('\n').toLowerCase() };
    });
  }, [data]);
  const q = query.trim().toLowerCase();
  const shown = useMemo(
    () => index.filter((e) => (filter === 'all' || e.person.status === filter) && (!q || q.split(/\s+/).every((w) => e.text.includes(w)))),
    [index, q, filter],
  );
  useEffect(() => {
    listRef.current?.scrollTo({ top: 0 });
    setScrollTop(0);
  }, [q, filter]);

  if (!data) return null;
  if (data.people.length === 0) return <p class="empty">{t('emptyPeople')}</p>;
  // Only the rows in view (and a few around them) are in the DOM: smooth at 10,000 people.
  const height = 420;
  const first = Math.max(0, Math.floor(scrollTop / ROW) - 5);
  const last = Math.min(shown.length, Math.ceil((scrollTop + height) / ROW) + 5);
  return (
    <>
      <div class="search">
        <input
          type="search"
          aria-label={t('searchLabel')}
          placeholder={t('searchPlaceholder')}
          value={query}
          onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
        />
        <div class="filters" role="radiogroup" aria-label={t('filterLabel')}>
          {(['all', 'network', 'seen'] as const).map((f) => (
            <button key={f} type="button" role="radio" aria-checked={filter === f} onClick={() => setFilter(f)}>
              {t(f === 'all' ? 'filterAll' : f === 'network' ? 'filterNetwork' : 'filterSeen')}
            </button>
          ))}
        </div>
        <span class="muted small" aria-live="polite">
          {t('peopleCount', String(shown.length))}
        </span>
      </div>
      {shown.length === 0 ? (
        <p class="empty">{t('noSearchResults', query)}</p>
      ) : (
        <div class="virtual" ref={listRef} style={{ height: `${height}px` }} onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}>
          <ul class="people" aria-label={t('peopleHeading')} style={{ height: `${shown.length * ROW}px` }}>
            {shown.slice(first, last).map(({ person: p, addresses }, k) => (
              <li key={p.id} style={{ top: `${(first + k) * ROW}px` }}>
                <button type="button" class="person" data-person-id={p.id} onClick={() => onOpen(p.id)}>
                  <span class="name">
                    {displayName(p, addresses[0])}
                    {p.status === 'network' && <span class="dot" title={t('statusNetwork')} aria-label={t('statusNetwork')} />}
                  </span>
                  <span class="address muted">{addresses[0] ?? t('statusUnresolved')}</span>
                  <span class="last">{p.lastContact ? t('lastContact', formatDate(p.lastContact)) : t('noContactYet')}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

function groupByMonth(history: Interaction[]): [string, Interaction[]][] {
  const groups = new Map<string, Interaction[]>();
  for (const i of history) {
    const label = monthLabel(i.at);
    groups.set(label, [...(groups.get(label) ?? []), i]);
  }
  return [...groups];
}

function PersonView({ personId, onBack, onOpen }: { personId: string; onBack: () => void; onOpen: (id: string) => void }) {
  const person = useLive(() => db().people.get(personId), [personId]);
  const addresses = useLive(async () => (await addressesOf(db(), personId)).filter((a) => !isNameKey(a)), [personId]);
  const history = useLive(() => historyOf(db(), personId), [personId]);
  const suggestions = useLive(() => suggestionsFor(db(), personId), [personId]);
  const otherIds = (suggestions ?? []).map((s) => (s.a === personId ? s.b : s.a));
  const otherNames = useNames(otherIds);
  const [confirming, setConfirming] = useState(false);
  const [mergedId, setMergedId] = useState<string | null>(null);
  const backRef = useRef<HTMLButtonElement>(null);
  useEffect(() => backRef.current?.focus(), [personId]);

  const backBar = (
    <header class="bar">
      <button ref={backRef} type="button" class="back" onClick={onBack}>
        {t('back')}
      </button>
    </header>
  );
  if (person === undefined) return <main class="popup">{backBar}</main>;
  const name = displayName(person, addresses?.[0]);
  const contacts = (history ?? []).filter((i) => isContact(i.direction) && !i.atEstimated).map((i) => i.at);
  const suggested = suggestedCadence(contacts);
  const quiet = quietLongerThanUsual(contacts, Date.now());
  return (
    <main class="popup">
      {backBar}
      <section class="person-detail">
        <h1>{name}</h1>
        <ul class="addresses" aria-label={t('addresses')}>
          {(addresses ?? []).map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
        <div class="meta">
          <StatusChip person={person} count={history?.length ?? 0} />
          <Reason person={person} />
          {addresses && addresses.length === 0 && (
            <span class="chip chip-warn" title={t('unresolvedHelp')}>
              {t('statusUnresolved')}
            </span>
          )}
          {quiet && <span class="chip chip-warn">{t('quietLonger')}</span>}
        </div>
        <LastContact at={person.lastContact} />
        {mergedId && (
          <p class="notice">
            {t('mergedUndo')}{' '}
            <button type="button" class="link" onClick={() => void unmerge(db(), mergedId).then(() => setMergedId(null))}>
              {t('undo')}
            </button>
          </p>
        )}
        <div class="actions">
          {person.status === 'network' ? (
            <>
              <CadencePicker id="cadence" value={person.cadenceDays} onChange={(d) => void setCadence(db(), person.id, d)} />
              <button type="button" onClick={() => void removeFromNetwork(db(), person.id)}>
                {t('removeFromNetwork')}
              </button>
            </>
          ) : (
            <button type="button" class="primary" onClick={() => void addToNetwork(db(), person.id)}>
              {t('addToNetwork')}
            </button>
          )}
          <button type="button" onClick={() => void logContact(db(), person.id)}>
            {t('contactedToday')}
          </button>
          <button
            type="button"
            onClick={() =>
              void contactRecords(db(), person.id).then((r) => download(serializeVCards(r), `${(person.name ?? 'contact').replace(/[^\p{L}\p{N} .-]+/gu, '').trim() || 'contact'}.vcf`, 'text/vcard;charset=utf-8'))
            }
          >
            {t('exportPerson')}
          </button>
        </div>
        {suggested && person.status === 'network' && suggested !== person.cadenceDays && (
          <p class="muted small">{t('cadenceSuggested', cadenceLabel(suggested))}</p>
        )}
        <TagsAndNotes person={person} />
        {suggestions && suggestions.length > 0 && (
          <section aria-labelledby="merge-h">
            <h2 id="merge-h">{t('mergeSuggestions')}</h2>
            <ul class="plain">
              {suggestions.map((s) => {
                const other = s.a === personId ? s.b : s.a;
                return (
                  <li key={other} class="suggestion">
                    <button type="button" class="link" onClick={() => onOpen(other)}>
                      {otherNames?.get(other) ?? '…'}
                    </button>{' '}
                    <span class="muted small">{t(s.reason === 'same-name' ? 'suggestSameName' : 'suggestSameLocalPart')}</span>
                    <div class="actions">
                      <button type="button" onClick={() => void merge(db(), personId, other).then((id) => setMergedId(id))}>
                        {t('merge')}
                      </button>
                      <button type="button" onClick={() => void dismissSuggestion(db(), personId, other)}>
                        {t('notSamePerson')}
                      </button>
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
        )}
        <h2>{t('historyHeading')}</h2>
        {(history ?? []).length === 0 && <p class="muted">{t('noHistory')}</p>}
        {groupByMonth(history ?? []).map(([month, items]) => (
          <section key={month} class="month">
            <h3 class="small-heading">{month}</h3>
            <ol class="history">
              {items.map((i) => (
                <InteractionRow key={i.id} i={i} />
              ))}
            </ol>
          </section>
        ))}
        <div class="danger-zone">
          {confirming ? (
            <div role="alertdialog" aria-labelledby="forget-h" aria-describedby="forget-d" class="confirm">
              <h2 id="forget-h">{t('forgetTitle', name)}</h2>
              <p id="forget-d">{t('forgetExplain')}</p>
              <div class="actions">
                <button type="button" class="danger" onClick={() => void forget(db(), person.id).then(onBack)}>
                  {t('forgetConfirm')}
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  {t('cancel')}
                </button>
              </div>
            </div>
          ) : (
            <button type="button" class="danger-link" onClick={() => setConfirming(true)}>
              {t('forget')}
            </button>
          )}
        </div>
      </section>
    </main>
  );
}

function TagsAndNotes({ person }: { person: Person }) {
  const [notes, setNotesText] = useState(person.notes);
  const [tags, setTagsText] = useState(person.tags.join(', '));
  const [saved, setSaved] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    setNotesText(person.notes);
    setTagsText(person.tags.join(', '));
    // Only when another person is opened; edits here must not be overwritten while typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [person.id]);
  const saveNotes = (v: string) => {
    setNotesText(v);
    setSaved(false);
    clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void setNotes(db(), person.id, v).then(() => setSaved(true)), 400);
  };
  return (
    <div class="fields">
      <label for="tags">{t('tags')}</label>
      <input
        id="tags"
        value={tags}
        aria-describedby="tags-hint"
        onInput={(e) => setTagsText((e.currentTarget as HTMLInputElement).value)}
        onBlur={() => void setTags(db(), person.id, tags.split(','))}
      />
      <span id="tags-hint" class="muted small">
        {t('tagsHint')}
      </span>
      <label for="notes">{t('notes')}</label>
      <textarea id="notes" rows={3} value={notes} aria-describedby="notes-hint" onInput={(e) => saveNotes((e.currentTarget as HTMLTextAreaElement).value)} />
      <span id="notes-hint" class="muted small" aria-live="polite">
        {saved ? t('saved') : t('notesHint')}
      </span>
    </div>
  );
}
