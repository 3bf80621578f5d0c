/**
 * One organisation's page (issue 20): its name (editable), how warm it is, a cadence for the
 * organisation as a whole, tags and a note, and its people with their last contact.
 */
import { useState } from 'preact/hooks';
import type { OrgSummary } from '../../network/org-summary';
import { db } from '../../store/db';
import { organisations, updateOrg } from '../../store/organisations';
import { CadencePicker, displayName, LastContact } from '../components';
import { t } from '../i18n';
import { useLive } from '../useLive';
import { coolingLine, TrendChip } from './Organisations';
import { BackBar } from './BackBar';
import { TeamAtOrg } from './Team';
import { TagsAndNotes } from './TagsAndNotes';

const TREND_LINE = { up: 'trendUp', down: 'trendDown', steady: 'trendSteady', new: 'trendNew', none: 'trendNone' } as const;

export function OrganisationPage({ domain, onBack, onOpenPerson }: { domain: string; onBack: () => void; onOpenPerson: (id: string) => void }) {
  const org = useLive(async () => (await organisations(db(), Date.now())).find((o) => o.domain === domain) ?? null, [domain]);
  const [personalDone, setPersonalDone] = useState(false);
  const backBar = <BackBar onBack={onBack} page={domain} />;
  if (personalDone) {
    return (
      <main class="popup">
        {backBar}
        <p class="notice">
          {t('orgPersonalDone', domain)}{' '}
          <button type="button" class="link" onClick={() => void updateOrg(db(), domain, { personal: false }).then(() => setPersonalDone(false))}>
            {t('undo')}
          </button>
        </p>
      </main>
    );
  }
  if (!org) return <main class="popup">{backBar}</main>;
  const now = Date.now();
  return (
    <main class="popup">
      {backBar}
      <section class="person-detail org-detail">
        <h1>{org.name}</h1>
        <p class="muted">{org.domain}</p>
        <div class="meta">
          <span class="chip">{t('orgNetworkCount', String(org.networkCount))}</span>
          <TrendChip trend={org.trend} />
        </div>
        <p class="small">{t(TREND_LINE[org.trend], [String(org.recent), String(org.before)])}</p>
        {org.cooling ? <p class="overdue small">{coolingLine(org, now)}</p> : <LastContact at={org.lastContact} now={now} />}
        <div class="actions">
          <CadencePicker id="org-cadence" label={t('orgCadence')} value={org.record?.cadenceDays ?? null} onChange={(d) => void updateOrg(db(), domain, { cadenceDays: d })} />
        </div>
        <p class="muted small">{t('orgCadenceHint', org.domain)}</p>
        <OrgFields org={org} />
        <TeamAtOrg domain={org.domain} />
        <h2>{t('orgPeopleHeading', org.name)}</h2>
        <ul class="plain org-people">
          {org.people.map((p) => (
            <li key={p.id}>
              <button type="button" class="row-button" data-person-id={p.id} onClick={() => onOpenPerson(p.id)}>
                <span class="name">
                  {displayName(p)}
                  {p.status === 'network' && <span class="dot" title={t('statusNetwork')} aria-label={t('statusNetwork')} />}
                </span>
                <LastContact at={p.lastContact} now={now} />
              </button>
            </li>
          ))}
        </ul>
        <div class="danger-zone">
          <button type="button" class="danger-link" onClick={() => void updateOrg(db(), domain, { personal: true }).then(() => setPersonalDone(true))}>
            {t('orgPersonal')}
          </button>
        </div>
      </section>
    </main>
  );
}

/** Name, tags and note of an organisation: the name saved when the field is left. */
function OrgFields({ org }: { org: OrgSummary }) {
  const [name, setName] = useState(org.record?.name ?? org.name);
  const domain = org.domain;
  return (
    <TagsAndNotes
      idPrefix="org-"
      subject={domain}
      tags={org.record?.tags ?? []}
      notes={org.record?.notes ?? ''}
      onTags={(tags) => updateOrg(db(), domain, { tags: tags.map((x) => x.toLowerCase()) })}
      onNotes={(notes) => updateOrg(db(), domain, { notes })}
    >
      <label for="org-name">{t('orgName')}</label>
      <input id="org-name" value={name} onInput={(e) => setName((e.currentTarget as HTMLInputElement).value)} onBlur={() => name.trim() !== (org.record?.name ?? org.name) && void updateOrg(db(), domain, { name })} />
    </TagsAndNotes>
  );
}
