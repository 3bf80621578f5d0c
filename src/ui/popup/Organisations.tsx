/**
 * The Organisations tab (issue 20): the organisations of the people in your network, going cold
 * first ("no contact with anyone at gemeente-utrecht.nl for 4 months"), then the rest by last
 * contact; searchable by name, domain and tag.
 */
import { useMemo, useState } from 'preact/hooks';
import { listed, orgMatches, type OrgSummary, type Trend } from '../../network/org-summary';
import { db } from '../../store/db';
import { organisations } from '../../store/organisations';
import { LastContact } from '../components';
import { cadenceLabel, duration } from '../format';
import { t } from '../i18n';
import { useLive } from '../useLive';

/** Rows rendered before "show all": the tab opens at once with 2,000 organisations. */
const SHOWN = 60;

const TREND_SHORT: Record<Trend, Parameters<typeof t>[0] | null> = {
  up: 'trendUpShort',
  down: 'trendDownShort',
  steady: 'trendSteadyShort',
  new: 'trendNewShort',
  none: null,
};

/** Why an organisation is cooling, in one line. */
export function coolingLine(o: OrgSummary, now: number): string {
  if (o.due !== undefined && o.due <= now && o.record?.cadenceDays) return t('orgDue', [o.domain, duration(now - (o.lastContact || now)), cadenceLabel(o.record.cadenceDays)]);
  return o.lastContact ? t('orgSilentFor', [o.domain, duration(now - o.lastContact)]) : t('orgNeverContact', o.domain);
}

export function TrendChip({ trend }: { trend: Trend }) {
  const key = TREND_SHORT[trend];
  if (!key) return null;
  return <span class={`chip trend trend-${trend}`}>{t(key)}</span>;
}

export function OrgRow({ o, now, onOpen }: { o: OrgSummary; now: number; onOpen: (domain: string) => void }) {
  return (
    <li class="org-row" data-domain={o.domain}>
      <button type="button" class="row-button" onClick={() => onOpen(o.domain)}>
        <span class="name">
          {o.name}
          <span class="domain">{o.domain}</span>
        </span>
        {o.cooling ? (
          <span class="overdue small">{coolingLine(o, now)}</span>
        ) : (
          <span class="muted small">
            {o.networkCount > 0 ? t('orgNetworkCount', String(o.networkCount)) : t('orgPeopleCount', String(o.people.length))} <TrendChip trend={o.trend} />
          </span>
        )}
        <LastContact at={o.lastContact} now={now} />
      </button>
    </li>
  );
}

export function Organisations({ onOpen }: { onOpen: (domain: string) => void }) {
  const all = useLive(() => organisations(db(), Date.now()), []);
  const [query, setQuery] = useState('');
  const [showAll, setShowAll] = useState(false);
  const now = Date.now();
  const q = query.trim();
  // Without a search, the organisations of the network (and those the user gave a cadence, tag or
  // note); a search finds any organisation Kring knows.
  const shown = useMemo(() => (all ?? []).filter((o) => (q ? orgMatches(o, q) : listed(o))), [all, q]);
  if (!all) return null;
  if (!all.some(listed) && !q) {
    return (
      <>
        <OrgSearch query={query} onQuery={setQuery} />
        <p class="empty">{t('orgsEmpty')}</p>
      </>
    );
  }
  const cooling = shown.filter((o) => o.cooling);
  const rest = shown.filter((o) => !o.cooling);
  const limit = showAll ? Infinity : SHOWN;
  return (
    <>
      <OrgSearch query={query} onQuery={setQuery} />
      {shown.length === 0 && <p class="empty">{t('orgsNoMatch', q)}</p>}
      {cooling.length > 0 && (
        <section class="section" aria-labelledby="orgs-cooling-h">
          <h2 id="orgs-cooling-h" class="small-heading">
            {t('orgsCooling')}
          </h2>
          <ul class="plain org-list">
            {cooling.slice(0, limit).map((o) => (
              <OrgRow key={o.domain} o={o} now={now} onOpen={onOpen} />
            ))}
          </ul>
        </section>
      )}
      {rest.length > 0 && (
        <section class="section" aria-labelledby="orgs-all-h">
          <h2 id="orgs-all-h" class="small-heading">
            {t('orgsAll')}
          </h2>
          <ul class="plain org-list">
            {rest.slice(0, Math.max(0, limit - Math.min(cooling.length, limit))).map((o) => (
              <OrgRow key={o.domain} o={o} now={now} onOpen={onOpen} />
            ))}
          </ul>
        </section>
      )}
      {!showAll && shown.length > SHOWN && (
        <button type="button" class="link small" onClick={() => setShowAll(true)}>
          {t('showAll', String(shown.length))}
        </button>
      )}
    </>
  );
}

function OrgSearch({ query, onQuery }: { query: string; onQuery: (q: string) => void }) {
  return (
    <div class="search">
      <input
        type="search"
        aria-label={t('orgsSearchLabel')}
        placeholder={t('orgsSearchPlaceholder')}
        value={query}
        onInput={(e) => onQuery((e.currentTarget as HTMLInputElement).value)}
      />
    </div>
  );
}
