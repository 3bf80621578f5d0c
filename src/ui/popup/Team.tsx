/**
 * The team in the popup (issue 21): who of the team knows a person (their page), someone at an
 * organisation (its page), or an address or a domain typed into the search ("who knows
 * pieter@devries-advies.nl?", "who knows someone at devries-advies.nl?"). Lookups are local: the
 * teammates' entries synced into the store, matched by keyed hashes under the team key. Nothing
 * shows outside a team.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { db } from '../../store/db';
import { getSetting, SETTING, setTeamShared } from '../../store/settings';
import { TEAM_CONFIG, type TeamConfig } from '../../team/config';
import { whoKnows, whoKnowsOrg, type Knower } from '../../team/lookup';
import { t } from '../i18n';
import { KnownTo, knownToText } from '../known-to';

/** The team key while in a team (extension storage), else null; undefined while reading. */
function useTeamKey(): string | null | undefined {
  const [key, setKey] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    const load = () => void browser.storage.local.get(TEAM_CONFIG).then((v) => setKey((v[TEAM_CONFIG] as TeamConfig | undefined)?.key ?? null), () => setKey(null));
    load();
    const onChange = (changes: Record<string, unknown>, area: string) => area === 'local' && TEAM_CONFIG in changes && load();
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, []);
  return key;
}

/** A lookup that needs the key (Web Crypto, then an index read), redone when its inputs change. */
function useLookup<T>(run: ((key: string) => Promise<T>) | null, deps: unknown[]): T | undefined {
  const key = useTeamKey();
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    setValue(undefined);
    if (!key || !run) return;
    let live = true;
    void run(key).then((v) => live && setValue(v), () => {});
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, ...deps]);
  return value;
}

/** On a person's page: who of the team knows them, and whether this user shares them. */
export function TeamOnPerson({ personId, addresses }: { personId: string; addresses: string[] }) {
  const key = useTeamKey();
  const knowers = useLookup((k) => whoKnows(db(), k, addresses), [addresses.join('\n')]);
  const [shared, setShared] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    void getSetting<string[]>(db(), SETTING.teamHidden, []).then((h) => setShared(!h.includes(personId)));
  }, [personId]);
  if (!key) return null;
  return (
    <section class="team-person" aria-labelledby="team-person-h">
      <h2 id="team-person-h" class="small-heading">
        {t('teamOnPersonHeading')}
      </h2>
      {knowers && (knowers.length ? <KnownTo knowers={knowers} /> : <p class="muted small">{t('teamNobodyPerson')}</p>)}
      {shared !== undefined && (
        <label class="check">
          <input
            type="checkbox"
            checked={shared}
            aria-describedby="team-share-hint"
            onChange={(e) => {
              const next = (e.currentTarget as HTMLInputElement).checked;
              setShared(next);
              // Published (or taken back) with the next update: in a minute.
              void setTeamShared(db(), personId, next).then(() => browser.runtime.sendMessage({ type: 'sync/soon' }).catch(() => {}));
            }}
          />{' '}
          {t('teamShareThisPerson')}
        </label>
      )}
      <p id="team-share-hint" class="muted small">
        {t('teamShareThisPersonHint')}
      </p>
    </section>
  );
}

function OrgKnowers({ knowers }: { knowers: (Knower & { people: number })[] }) {
  return (
    <ul class="known-to">
      {knowers.map((k) => (
        <li key={k.member}>
          {knownToText(k)} · {t('teamOrgPeople', String(k.people))}
        </li>
      ))}
    </ul>
  );
}

/** On an organisation's page: who of the team knows someone there. */
export function TeamAtOrg({ domain }: { domain: string }) {
  const key = useTeamKey();
  const knowers = useLookup((k) => whoKnowsOrg(db(), k, domain), [domain]);
  if (!key || !knowers) return null;
  return (
    <section class="team-org" aria-labelledby="team-org-h">
      <h2 id="team-org-h" class="small-heading">
        {t('teamOnPersonHeading')}
      </h2>
      {knowers.length ? <OrgKnowers knowers={knowers} /> : <p class="muted small">{t('teamNobodyOrg', domain)}</p>}
    </section>
  );
}

const ADDRESS = /[^\s@?,;:<>()"']+@[^\s@?,;:<>()"']+\.[a-z]{2,}/i;
const DOMAIN = /(?:^|[\s@])((?:[a-z0-9-]+\.)+[a-z]{2,})(?=$|[\s?.,;!])/i;

/** What a search asks the team about: an address in it, else a domain, else nothing. */
export function teamQuestion(query: string): { address: string } | { domain: string } | null {
  const address = ADDRESS.exec(query)?.[0];
  if (address) return { address: address.toLowerCase() };
  const domain = DOMAIN.exec(query)?.[1];
  return domain ? { domain: domain.toLowerCase() } : null;
}

/** The People search's answer from the team, for a query with an address or a domain in it. */
export function TeamAnswer({ query }: { query: string }) {
  const key = useTeamKey();
  const question = teamQuestion(query);
  const target = question ? ('address' in question ? question.address : question.domain) : '';
  const answer = useLookup(
    question ? (k) => ('address' in question ? whoKnows(db(), k, [question.address]).then((list) => ({ list, org: false })) : whoKnowsOrg(db(), k, question.domain).then((list) => ({ list, org: true }))) : null,
    [target],
  );
  if (!key || !question || !answer) return null;
  return (
    <section class="team-answer" aria-labelledby="team-answer-h">
      <h2 id="team-answer-h" class="small-heading">
        {t(answer.org ? 'teamSearchHeadingOrg' : 'teamSearchHeading', target)}
      </h2>
      {answer.list.length === 0 ? (
        <p class="muted small">{t(answer.org ? 'teamNobodyOrg' : 'teamNobodyAddress', target)}</p>
      ) : answer.org ? (
        <OrgKnowers knowers={answer.list as (Knower & { people: number })[]} />
      ) : (
        <KnownTo knowers={answer.list} />
      )}
    </section>
  );
}
