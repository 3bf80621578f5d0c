/** The settings page. Every change is written to the store at once. */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { CADENCE_CHOICES, DEFAULT_CADENCE_DAYS } from '../../network/cadence';
import { DEFAULT_REPLY_DAYS } from '../../network/replies';
import { DEFAULT_RETENTION_DAYS } from '../../network/retention';
import { scrubbedCopy } from '../../detect/scrub';
import { addIgnoreRule, addOwnAddress, eraseEverything, forget, ignoreAddress, removeIgnoreRule, removeOwnAddress } from '../../store/actions';
import { db } from '../../store/db';
import { addressesOf } from '../../store/people';
import { SETTING, getSetting, ownAddresses, type FailureCounts } from '../../store/settings';
import { displayName, InsecureSite } from '../components';
import { cadenceLabel } from '../format';
import { t } from '../i18n';
import { providerName } from '../links';
import { sites, useSites } from '../sites';
import { OwnQuestions } from '../own-question';
import { useLive } from '../useLive';
import { DataTransfer } from './DataTransfer';
import { SyncSection } from './Sync';
import { TeamSection } from './Team';
import { Reminders } from './Reminders';

const PROVIDERS = ['gmail', 'google-calendar', 'outlook-mail', 'outlook-calendar'] as const;
const WEBMAIL_TABS = ['https://mail.google.com/*', 'https://calendar.google.com/*', 'https://outlook.live.com/*', 'https://outlook.office.com/*', 'https://outlook.office365.com/*'];

const put = (key: string, value: unknown) => db().settings.put({ key, value });

export function OptionsApp() {
  const forgetId = /^#forget=(.+)$/.exec(location.hash)?.[1];
  const notAPerson = /^#not-a-person=(.+)$/.exec(location.hash)?.[1];
  return (
    <main class="options">
      <h1>
        <img src="/icon/32.png" alt="" width={24} height={24} /> {t('optionsTitle')}
      </h1>
      {location.hash === '#welcome' && <Welcome />}
      {forgetId && <ForgetConfirm personId={decodeURIComponent(forgetId)} />}
      {notAPerson && <NotAPersonConfirm address={decodeURIComponent(notAPerson)} />}
      <OwnAddresses />
      <Capture />
      <Sites />
      <SyncSection />
      <TeamSection />
      <IgnoreRules />
      <Defaults />
      <Reminders />
      <Failures />
      <DataSection />
    </main>
  );
}

/** First run (issue 20): the background opens this page once, on install, at #welcome. */
function Welcome() {
  const [open, setOpen] = useState(true);
  if (!open) return null;
  return (
    <section class="card welcome" aria-labelledby="welcome-h">
      <h2 id="welcome-h">{t('welcomeTitle')}</h2>
      <ul>
        <li>{t('welcomeReads')}</li>
        <li>{t('welcomeLocal')}</li>
        <li>{t('welcomeOwn')}</li>
        <li>{t('welcomeSites')}</li>
        <li>{t('welcomeStart')}</li>
      </ul>
      <button
        type="button"
        class="primary"
        onClick={() => {
          history.replaceState(null, '', location.pathname);
          setOpen(false);
        }}
      >
        {t('welcomeDone')}
      </button>
    </section>
  );
}

/** Forget asked for from a sidebar: confirmed here, in an extension page the webmail cannot cover. */
function ForgetConfirm({ personId }: { personId: string }) {
  const person = useLive(() => db().people.get(personId), [personId]);
  const addresses = useLive(() => addressesOf(db(), personId), [personId]);
  const [done, setDone] = useState(false);
  const close = () => history.replaceState(null, '', location.pathname);
  if (done) return <p class="notice" role="status">{t('forgotten')}</p>;
  if (person === undefined) return addresses ? <p class="notice">{t('forgetPageMissing')}</p> : null;
  const name = displayName(person, addresses?.[0]);
  return (
    <section role="alertdialog" aria-labelledby="forget-h" aria-describedby="forget-d" class="confirm card">
      <h2 id="forget-h">{t('forgetTitle', name)}</h2>
      <p class="muted">{(addresses ?? []).join(', ')}</p>
      <p id="forget-d">{t('forgetExplain')}</p>
      <div class="actions">
        <button type="button" class="danger" onClick={() => void forget(db(), personId).then(() => (setDone(true), close()))}>
          {t('forgetConfirm')}
        </button>
        <button type="button" onClick={() => (close(), location.reload())}>
          {t('cancel')}
        </button>
      </div>
    </section>
  );
}

/** "Not a person" asked for from a sidebar: confirmed here, like Forget (issue 16). */
function NotAPersonConfirm({ address }: { address: string }) {
  const [done, setDone] = useState(false);
  const close = () => history.replaceState(null, '', location.pathname);
  if (done) return <p class="notice" role="status">{t('notAPersonDone', address)}</p>;
  return (
    <section role="alertdialog" aria-labelledby="nap-h" aria-describedby="nap-d" class="confirm card">
      <h2 id="nap-h">{t('notAPersonTitle', address)}</h2>
      <p id="nap-d">{t('notAPersonExplain')}</p>
      <div class="actions">
        <button type="button" class="danger" onClick={() => void ignoreAddress(db(), address).then(() => (setDone(true), close()))}>
          {t('notAPersonConfirm')}
        </button>
        <button type="button" onClick={() => (close(), location.reload())}>
          {t('cancel')}
        </button>
      </div>
    </section>
  );
}

function AddForm({ label, onAdd, error }: { label: string; onAdd: (v: string) => Promise<boolean>; error: string }) {
  const [value, setValue] = useState('');
  const [bad, setBad] = useState(false);
  const id = `add-${label.replace(/\W+/g, '-')}`;
  return (
    <form
      class="add-form"
      onSubmit={(e) => {
        e.preventDefault();
        void onAdd(value).then((ok) => {
          setBad(!ok);
          if (ok) setValue('');
        });
      }}
    >
      <label for={id}>{label}</label>
      <input id={id} value={value} aria-invalid={bad} aria-describedby={bad ? `${id}-err` : undefined} onInput={(e) => setValue((e.currentTarget as HTMLInputElement).value)} />
      <button type="submit">{t('add')}</button>
      {bad && (
        <span id={`${id}-err`} class="error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}

/** A list of entries the user added, each with its Remove button. */
function RemovableList({ items, onRemove }: { items: readonly string[] | undefined; onRemove: (item: string) => Promise<unknown> }) {
  return (
    <ul class="plain list">
      {(items ?? []).map((item) => (
        <li key={item}>
          {item}{' '}
          <button type="button" class="link" aria-label={t('removeItem', item)} onClick={() => void onRemove(item)}>
            {t('remove')}
          </button>
        </li>
      ))}
    </ul>
  );
}

function OwnAddresses() {
  const own = useLive(() => ownAddresses(db()), []);
  return (
    <section aria-labelledby="own-h">
      <h2 id="own-h">{t('ownAddressesHeading')}</h2>
      <p class="muted">{t('ownAddressesHelp')}</p>
      <RemovableList items={own} onRemove={(a) => removeOwnAddress(db(), a)} />
      <AddForm label={t('addressLabel')} error={t('invalidAddress')} onAdd={async (v) => (await addOwnAddress(db(), v)) !== null} />
      <PendingOwn />
    </section>
  );
}

function PendingOwn() {
  const any = useLive(async () => (await getSetting<unknown[]>(db(), SETTING.pendingOwn, [])).length > 0, []);
  if (!any) return null;
  return (
    <>
      <h3 id="own-pending-h">{t('ownPendingHeading')}</h3>
      <p class="muted">{t('ownPendingHelp')}</p>
      <OwnQuestions />
    </>
  );
}

function Capture() {
  const s = useLive(async () => ({
    off: await getSetting<string[]>(db(), SETTING.captureOff, []),
    subjects: await getSetting<boolean>(db(), SETTING.keepSubjects, true),
  }), []);
  if (!s) return null;
  return (
    <section aria-labelledby="capture-h">
      <h2 id="capture-h">{t('captureHeading')}</h2>
      {PROVIDERS.map((p) => (
        <label key={p} class="check">
          <input
            type="checkbox"
            checked={!s.off.includes(p)}
            onChange={(e) => void put(SETTING.captureOff, (e.currentTarget as HTMLInputElement).checked ? s.off.filter((x) => x !== p) : [...s.off, p])}
          />{' '}
          {t('captureProvider', providerName(p))}
        </label>
      ))}
      <label class="check">
        <input type="checkbox" checked={s.subjects} onChange={(e) => void put(SETTING.keepSubjects, (e.currentTarget as HTMLInputElement).checked)} />{' '}
        {t('keepSubjects')}
      </label>
    </section>
  );
}

/** Other webmail sites (issue 11): each one asked of the browser on its own, listed, removable. */
function Sites() {
  const list = useSites();
  const [denied, setDenied] = useState(false);
  // An http:// site is turned on only after a second click on a warning (issue 16): a page on an
  // unencrypted site can be rewritten by anyone on the network.
  const [insecure, setInsecure] = useState<string | null>(null);
  const enable = async (v: string) => {
    const r = await sites.enable(v);
    setDenied(!r.ok && r.reason === 'denied');
    return r.ok;
  };
  return (
    <section aria-labelledby="sites-h">
      <h2 id="sites-h">{t('sitesHeading')}</h2>
      <p class="muted">{t('sitesHelp')}</p>
      {list && list.length === 0 && <p class="muted">{t('noSites')}</p>}
      <RemovableList items={list} onRemove={(origin) => sites.disable(origin)} />
      <AddForm
        label={t('siteLabel')}
        error={denied ? t('siteDenied') : t('invalidSite')}
        onAdd={async (v) => {
          if (/^\s*http:\/\//i.test(v)) {
            setInsecure(v.trim());
            return true;
          }
          return enable(v);
        }}
      />
      {insecure && <InsecureSite origin={insecure} onAnyway={() => void enable(insecure).then(() => setInsecure(null))} onCancel={() => setInsecure(null)} />}
    </section>
  );
}

function IgnoreRules() {
  const rules = useLive(() => db().ignoreRules.orderBy('rule').toArray(), []);
  return (
    <section aria-labelledby="ignore-h">
      <h2 id="ignore-h">{t('ignoreHeading')}</h2>
      <p class="muted">{t('ignoreHelp')}</p>
      {rules && rules.length === 0 && <p class="muted">{t('noIgnoreRules')}</p>}
      <RemovableList items={rules?.map((r) => r.rule)} onRemove={(rule) => removeIgnoreRule(db(), rule)} />
      <AddForm label={t('ignoreRuleLabel')} error={t('invalidRule')} onAdd={async (v) => (await addIgnoreRule(db(), v)) !== null} />
    </section>
  );
}

function NumberSetting({ id, label, setting, fallback, min, max }: { id: string; label: string; setting: string; fallback: number; min: number; max: number }) {
  const value = useLive(() => getSetting<number>(db(), setting, fallback), [setting]);
  if (value === undefined) return null;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={min}
        max={max}
        value={value}
        onChange={(e) => {
          const n = Math.round(Number((e.currentTarget as HTMLInputElement).value));
          if (n >= min && n <= max) void put(setting, n);
        }}
      />
    </div>
  );
}

function Defaults() {
  const cadence = useLive(() => getSetting<number>(db(), SETTING.defaultCadenceDays, DEFAULT_CADENCE_DAYS), []);
  const badge = useLive(() => getSetting<boolean>(db(), SETTING.badge, true), []);
  return (
    <section aria-labelledby="defaults-h">
      <h2 id="defaults-h">{t('cadenceHeading')}</h2>
      {badge !== undefined && (
        <label class="check">
          <input
            type="checkbox"
            checked={badge}
            // The background redraws the icon's count when a page says something changed.
            onChange={(e) => void put(SETTING.badge, (e.currentTarget as HTMLInputElement).checked).then(() => browser.runtime.sendMessage({ type: 'sync/soon' })).catch(() => {})}
          />{' '}
          {t('badgeSetting')}
        </label>
      )}
      <div class="field">
        <label for="default-cadence">{t('defaultCadence')}</label>
        <select id="default-cadence" value={String(cadence ?? DEFAULT_CADENCE_DAYS)} onChange={(e) => void put(SETTING.defaultCadenceDays, Number((e.currentTarget as HTMLSelectElement).value))}>
          {CADENCE_CHOICES.map((c) => (
            <option key={c} value={String(c)}>
              {cadenceLabel(c)}
            </option>
          ))}
        </select>
      </div>
      <NumberSetting id="retention" label={t('retentionLabel')} setting={SETTING.retentionDays} fallback={DEFAULT_RETENTION_DAYS} min={7} max={3650} />
      <NumberSetting id="reply-days" label={t('replyDaysLabel')} setting={SETTING.replyDays} fallback={DEFAULT_REPLY_DAYS} min={1} max={60} />
    </section>
  );
}

function Failures() {
  const counts = useLive(() => getSetting<FailureCounts>(db(), SETTING.detectionFailures, {}), []);
  const degraded = useLive(() => getSetting<FailureCounts>(db(), SETTING.detectionDegraded, {}), []);
  const hints = useLive(() => getSetting<Record<string, string[]>>(db(), SETTING.degradedHints, {}), []);
  const [tabs, setTabs] = useState<{ id: number; title: string }[] | null>(null);
  const [error, setError] = useState(false);
  useEffect(() => {
    void browser.tabs.query({ url: WEBMAIL_TABS }).then((found) => setTabs(found.flatMap((tab) => (tab.id === undefined ? [] : [{ id: tab.id, title: new URL(tab.url ?? 'https://x').hostname }]))));
  }, []);
  const rowsOf = (c: FailureCounts | undefined) => Object.entries(c ?? {}).flatMap(([provider, views]) => Object.entries(views).map(([view, n]) => ({ provider, view, n })));
  const rows = rowsOf(counts);
  const guessed = rowsOf(degraded);
  const save = async (tabId: number) => {
    setError(false);
    try {
      const answer = (await browser.tabs.sendMessage(tabId, { type: 'page/markup' })) as { markup: string } | undefined;
      if (!answer?.markup) throw new Error('no answer');
      // Scrubbed here, in Kring's own page; only the scrubbed copy is offered.
      const parsed = new DOMParser().parseFromString(answer.markup, 'text/html');
      const url = URL.createObjectURL(new Blob([scrubbedCopy(parsed)], { type: 'text/html' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `kring-scrubbed-page-${new Date().toISOString().slice(0, 10)}.html`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setError(true);
    }
  };
  return (
    <section aria-labelledby="fail-h">
      <h2 id="fail-h">{t('failuresHeading')}</h2>
      {rows.length === 0 && guessed.length === 0 ? (
        <p class="muted">{t('failuresNone')}</p>
      ) : (
        <ul class="plain list" aria-label={t('failuresHeading')}>
          {rows.map((r) => (
            <li key={`${r.provider}-${r.view}`}>{t('failureRow', [providerName(r.provider), r.view, String(r.n)])}</li>
          ))}
        </ul>
      )}
      {guessed.length > 0 && (
        <>
          <h3 id="degraded-h">{t('degradedHeading')}</h3>
          <ul class="plain list" aria-labelledby="degraded-h">
            {guessed.map((r) => (
              <li key={`${r.provider}-${r.view}`}>{t('degradedRow', [providerName(r.provider), r.view, String(r.n), (hints?.[r.provider] ?? []).join(', ')])}</li>
            ))}
          </ul>
        </>
      )}
      <p class="muted">{t('failuresHelp')}</p>
      {tabs && tabs.length === 0 && <p class="muted">{t('scrubNoTabs')}</p>}
      {(tabs ?? []).map((tab) => (
        <button key={tab.id} type="button" onClick={() => void save(tab.id)}>
          {t('scrubButton', tab.title)}
        </button>
      ))}
      {error && (
        <p class="error" role="alert">
          {t('scrubFailed')}
        </p>
      )}
    </section>
  );
}

function DataSection() {
  const counts = useLive(async () => [await db().people.count(), await db().interactions.count()], []);
  const [typed, setTyped] = useState('');
  const [erased, setErased] = useState(false);
  const word = t('eraseWord');
  return (
    <section aria-labelledby="data-h">
      <h2 id="data-h">{t('dataHeading')}</h2>
      {counts && <p>{t('dataSummary', [String(counts[0]), String(counts[1])])}</p>}
      <DataTransfer />
      <h3 id="erase-h">{t('eraseHeading')}</h3>
      <p id="erase-help" class="muted">
        {t('eraseHelp', word)}
      </p>
      <div class="field">
        <label for="erase-confirm">{t('eraseConfirmLabel')}</label>
        <input id="erase-confirm" value={typed} aria-describedby="erase-help" onInput={(e) => setTyped((e.currentTarget as HTMLInputElement).value)} autocomplete="off" />
      </div>
      <button
        type="button"
        class="danger"
        disabled={typed.trim().toLowerCase() !== word}
        onClick={() => void browser.runtime.sendMessage({ type: 'sync/stop' }).catch(() => {}).then(() => eraseEverything(db())).then(() => (setErased(true), setTyped('')))}
      >
        {t('eraseButton')}
      </button>
      {erased && (
        <p role="status" class="notice">
          {t('erased')}
        </p>
      )}
    </section>
  );
}
