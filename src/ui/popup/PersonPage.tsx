/** One person's page: addresses, status, cadence, tags and notes, merge suggestions, history, forget. */
import { useState } from 'preact/hooks';
import { quietLongerThanUsual, suggestedCadence } from '../../network/cadence';
import { isContact } from '../../network/direction';
import { isNameKey } from '../../network/names';
import { addToNetwork, dismissSuggestion, forget, logContact, merge, removeFromNetwork, setCadence, setNotes, setTags, unmerge } from '../../store/actions';
import { db } from '../../store/db';
import { addressesOf, historyOf } from '../../store/people';
import { suggestionsFor } from '../../store/queries';
import { contactRecords } from '../../store/transfer';
import { serializeVCards } from '../../io/vcard-write';
import type { Interaction } from '../../model/types';
import { download } from '../download';
import { CadencePicker, displayName, InteractionRow, LastContact, Reason, StatusChip } from '../components';
import { cadenceLabel, monthLabel } from '../format';
import { t } from '../i18n';
import { useLive } from '../useLive';
import { BackBar } from './BackBar';
import { useNames } from './names';
import { TagsAndNotes } from './TagsAndNotes';
import { TeamOnPerson } from './Team';

function groupByMonth(history: Interaction[]): [string, Interaction[]][] {
  const groups = new Map<string, Interaction[]>();
  for (const i of history) {
    const label = monthLabel(i.at);
    groups.set(label, [...(groups.get(label) ?? []), i]);
  }
  return [...groups];
}

export function PersonPage({ personId, onBack, onOpen }: { personId: string; onBack: () => void; onOpen: (id: string) => void }) {
  const person = useLive(() => db().people.get(personId), [personId]);
  const addresses = useLive(async () => (await addressesOf(db(), personId)).filter((a) => !isNameKey(a)), [personId]);
  const history = useLive(() => historyOf(db(), personId), [personId]);
  const suggestions = useLive(() => suggestionsFor(db(), personId), [personId]);
  const otherIds = (suggestions ?? []).map((s) => (s.a === personId ? s.b : s.a));
  const otherNames = useNames(otherIds);
  const [confirming, setConfirming] = useState(false);
  const [mergedId, setMergedId] = useState<string | null>(null);

  const backBar = <BackBar onBack={onBack} page={personId} />;
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
        <TagsAndNotes subject={person.id} tags={person.tags} notes={person.notes} onTags={(tags) => setTags(db(), person.id, tags)} onNotes={(notes) => setNotes(db(), person.id, notes)} />
        {addresses && <TeamOnPerson personId={person.id} addresses={addresses} />}
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
