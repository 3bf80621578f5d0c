/** The Due tab: replies owed both ways, then whom you are neglecting, most overdue first. */
import { useState } from 'preact/hooks';
import { DAY } from '../../network/cadence';
import type { Owed } from '../../network/replies';
import { logContact, snooze } from '../../store/actions';
import { db } from '../../store/db';
import { dueList, repliesOwedNow } from '../../store/queries';
import { displayName, LastContact } from '../components';
import { cadenceLabel, duration } from '../format';
import { formatDate, t } from '../i18n';
import { useLive } from '../useLive';
import { useNames } from './names';
import { dueOrganisations } from '../../store/organisations';
import { OrgRow } from './Organisations';
import { browser } from 'wxt/browser';
import { reminderSettings } from '../../store/reminders';
import { getSetting, SETTING } from '../../store/settings';

/** Replies owed shown before "show all": the overview must not drown who is due. */
const OWED_SHOWN = 4;
/** Due people rendered before "show all": the most overdue first, the popup stays instant. */
const DUE_SHOWN = 50;
export function DueList({ onOpen, onOpenOrg }: { onOpen: (id: string) => void; onOpenOrg?: (domain: string) => void }) {
  const now = Date.now();
  const [allDue, setAllDue] = useState(false);
  const due = useLive(() => dueList(db(), Date.now(), 7, allDue ? Infinity : 200), [allDue]);
  const dueTotal = useLive(() => db().people.where('due').belowOrEqual(Date.now() + 7 * DAY).count(), []);
  const replies = useLive(() => repliesOwedNow(db(), Date.now()), []);
  const orgsDue = useLive(() => dueOrganisations(db(), Date.now()), []);
  const offer = useLive(async () => !(await getSetting<boolean>(db(), SETTING.remindersOffered, false)) && (await reminderSettings(db())).mode === 'off', []);
  const [allOwed, setAllOwed] = useState(false);
  // Names only for the rows shown: there can be hundreds of replies owed in a large mailbox.
  const owedIds = [...(replies?.youOwe ?? []), ...(replies?.theyOwe ?? [])].slice(0, allOwed ? undefined : OWED_SHOWN).map((o) => o.personId);
  const names = useNames(owedIds);
  if (!due || !replies) return null;
  const nothing = due.length === 0 && replies.youOwe.length === 0 && replies.theyOwe.length === 0 && !orgsDue?.length;
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
      {due.length > 0 && offer && <ReminderOffer />}
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
      {orgsDue && orgsDue.length > 0 && onOpenOrg && (
        <section class="section" aria-labelledby="orgs-due-h">
          <h2 id="orgs-due-h" class="small-heading">
            {t('orgsDueHeading')}
          </h2>
          <ul class="plain org-list">
            {orgsDue.map((o) => (
              <OrgRow key={o.domain} o={o} now={now} onOpen={onOpenOrg} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** Reminders are off by default; the Due list offers them once (issue 20). */
function ReminderOffer() {
  const answer = (setUp: boolean) =>
    void db()
      .settings.put({ key: SETTING.remindersOffered, value: true })
      .then(() => (setUp ? browser.tabs.create({ url: browser.runtime.getURL('/options.html#reminders') }) : undefined));
  return (
    <div class="notice reminder-offer" role="note">
      <p>{t('remindersOffer')}</p>
      <div class="actions">
        <button type="button" class="primary" onClick={() => answer(true)}>
          {t('remindersOfferYes')}
        </button>
        <button type="button" onClick={() => answer(false)}>
          {t('remindersOfferNo')}
        </button>
      </div>
    </div>
  );
}
