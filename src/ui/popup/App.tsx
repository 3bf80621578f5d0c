import { useState } from 'preact/hooks';
import { db } from '../../store/db';
import { addressesOf, historyOf, peopleByLastContact } from '../../store/people';
import type { Direction, Person } from '../../store/types';
import { formatDate, formatDateTime, t, type MessageKey } from '../i18n';
import { useLive } from '../useLive';

const DIRECTION_LABEL: Record<Direction, MessageKey> = {
  in: 'directionIn',
  out: 'directionOut',
  cc: 'directionCc',
  meeting: 'directionMeeting',
  upcoming: 'directionUpcoming',
  manual: 'directionManual',
};

export function App() {
  const [openId, setOpenId] = useState<string | null>(null);
  return openId ? (
    <PersonView personId={openId} onBack={() => setOpenId(null)} />
  ) : (
    <PeopleList onOpen={setOpenId} />
  );
}

function displayName(p: Person, addresses?: string[]): string {
  return p.name ?? addresses?.[0] ?? t('unnamed');
}

function PeopleList({ onOpen }: { onOpen: (id: string) => void }) {
  const people = useLive(() => peopleByLastContact(db()), []);
  const addresses = useLive(() => db().addresses.toArray(), []);
  const byPerson = new Map<string, string[]>();
  for (const a of addresses ?? []) byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), a.address]);
  return (
    <main class="popup">
      <header class="bar">
        <h1>{t('extName')}</h1>
        {people && people.length > 0 && <span class="muted">{t('peopleCount', String(people.length))}</span>}
      </header>
      {people === undefined ? null : people.length === 0 ? (
        <p class="empty">{t('emptyPeople')}</p>
      ) : (
        <ul class="people" aria-label={t('peopleHeading')}>
          {people.map((p) => {
            const addrs = byPerson.get(p.id);
            return (
              <li key={p.id}>
                <button type="button" class="person" data-person-id={p.id} onClick={() => onOpen(p.id)}>
                  <span class="name">{displayName(p, addrs)}</span>
                  <span class="address muted">{addrs?.[0] ?? ''}</span>
                  <span class="last">
                    {p.lastContact ? t('lastContact', formatDate(p.lastContact)) : t('noContactYet')}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </main>
  );
}

function PersonView({ personId, onBack }: { personId: string; onBack: () => void }) {
  const person = useLive(() => db().people.get(personId), [personId]);
  const addresses = useLive(() => addressesOf(db(), personId), [personId]);
  const history = useLive(() => historyOf(db(), personId), [personId]);
  return (
    <main class="popup">
      <header class="bar">
        <button type="button" class="back" onClick={onBack}>
          {t('back')}
        </button>
      </header>
      {person && (
        <section class="person-detail">
          <h1>{displayName(person, addresses)}</h1>
          <ul class="addresses">
            {(addresses ?? []).map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
          <p class="last">
            {person.lastContact ? t('lastContact', formatDate(person.lastContact)) : t('noContactYet')}
          </p>
          <h2>{t('historyHeading')}</h2>
          <ol class="history">
            {(history ?? []).map((i) => (
              <li key={i.id} class={`interaction ${i.direction}`}>
                <time dateTime={new Date(i.at).toISOString()} title={formatDateTime(i.at)}>
                  {formatDate(i.at)}
                </time>
                <span class="direction">{t(DIRECTION_LABEL[i.direction])}</span>
                <span class="subject">{i.subject ?? t('noSubject')}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
    </main>
  );
}
