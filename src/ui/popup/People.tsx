/** The People tab: everyone Kring keeps, searchable and filtered, in a list that renders only what is in view. */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { isNameKey } from '../../network/names';
import { db } from '../../store/db';
import { displayName } from '../components';
import { formatDate, t } from '../i18n';
import { useLive } from '../useLive';
import { orgMatches } from '../../network/org-summary';
import { TeamAnswer } from './Team';
import { organisations } from '../../store/organisations';

type Filter = 'all' | 'network' | 'seen';
const ROW = 56;

export function People({ onOpen, onOpenOrg }: { onOpen: (id: string) => void; onOpenOrg?: (domain: string) => void }) {
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
      {q.length >= 4 && <TeamAnswer query={q} />}
      {q.length >= 2 && onOpenOrg && <OrgMatches query={q} onOpen={onOpenOrg} />}
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

/** A search in People also finds organisations, by name, domain or tag (issue 20): the first few, above the people. */
function OrgMatches({ query, onOpen }: { query: string; onOpen: (domain: string) => void }) {
  const all = useLive(() => organisations(db(), Date.now()), []);
  const found = useMemo(() => (all ?? []).filter((o) => orgMatches(o, query)).slice(0, 3), [all, query]);
  if (found.length === 0) return null;
  return (
    <section class="org-matches" aria-labelledby="org-matches-h">
      <h2 id="org-matches-h" class="small-heading">
        {t('orgsInSearch')}
      </h2>
      <ul class="plain">
        {found.map((o) => (
          <li key={o.domain}>
            <button type="button" class="link" onClick={() => onOpen(o.domain)}>
              {o.name}
            </button>{' '}
            <span class="muted small">{o.domain}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
