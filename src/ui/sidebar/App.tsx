/**
 * The sidebar: the people of the open message or event, with what Kring knows of them.
 * An extension page framed in the webmail page. That frame is a third-party context where the
 * browser may deny IndexedDB, so everything comes from the background (for this tab only) and
 * every action goes through it. The page never sees any of it.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { SIDEBAR_COLLAPSED, STORE_CHANGED, pageKey } from '../../messaging/storage-keys';
import { SIDEBAR_RELOAD, askBackground } from '../../messaging/client';
import type { SidebarPage, SidebarPerson } from '../../messaging/protocol';
import { CadencePicker, displayName, InteractionRow, LastContact, Reason, StatusChip } from '../components';
import { formatDate, t } from '../i18n';
import { KnownTo } from '../known-to';
import { useStorageFlag } from '../storage-flag';

/** Re-ask the background now (after one of this sidebar's own actions). */
let reload = () => {};
/**
 * The key the content script gave this frame (src/capture/sidebar-frame.ts), shown to the
 * background with every request; and whether this frame sits where Kring puts it, directly in the
 * tab's top page (issue 16: a third-party frame inside the webmail could load sidebar.html).
 */
const frameKey = new URLSearchParams(location.search).get('k') ?? '';
const placedByKring = (() => {
  try {
    return window.parent !== window && window.parent === window.top;
  } catch {
    return false;
  }
})();
/** Confirmed in a page of its own, which the webmail page cannot cover or hide (issue 16). */
const confirmInSettings = (what: string) => void browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}#${what}` });
/** Ask the background to act, then show the result. */
const act = <T,>(request: Parameters<typeof askBackground>[0]) => askBackground<T>(request).finally(() => reload());

export function SidebarApp() {
  const [page, setPage] = useState<SidebarPage | null>(null);
  const [collapsed, setCollapsed] = useStorageFlag(SIDEBAR_COLLAPSED);

  useEffect(() => {
    let tabId: number | undefined;
    let alive = true;
    // Answers can arrive out of order; only the latest request's answer may be shown, or an
    // answer read before a click would undo what the click showed.
    let latest = 0;
    const load = () => {
      const mine = ++latest;
      if (!placedByKring) return Promise.resolve();
      return askBackground<SidebarPage | undefined>({ type: 'sidebar/get-page', key: frameKey })
        .then((p) => {
          if (!alive || mine !== latest) return;
          tabId = p?.tabId;
          setPage(p ?? null);
        })
        .catch(() => alive && mine === latest && setPage(null));
    };
    void load();
    // The background signals changes in storage.session (see src/background/index.ts).
    const onChange = (changes: Record<string, unknown>, area: string) => {
      if (area === 'session' && (STORE_CHANGED in changes || (tabId !== undefined && pageKey(tabId) in changes))) void load();
    };
    browser.storage.onChanged.addListener(onChange);
    // The content script posts to this frame after each report (all browsers). Only its parent can
    // post here; the page is that parent too, and all it could do is make the sidebar ask again.
    const onPosted = (e: MessageEvent) => {
      if (e.source === window.parent && e.data === SIDEBAR_RELOAD) void load();
    };
    window.addEventListener('message', onPosted);
    reload = () => void load();
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChange);
      window.removeEventListener('message', onPosted);
    };
  }, []);

  const open = page !== null && page.kind !== null;
  if (collapsed || !open) {
    return (
      <button
        type="button"
        class="sidebar-tab"
        aria-label={t('expand')}
        title={open ? t('expand') : t('sidebarEmpty')}
        aria-expanded="false"
        onClick={() => setCollapsed(false)}
      >
        <img src="/icon/32.png" alt="" width={20} height={20} />
        <span>{t('extName')}</span>
      </button>
    );
  }
  const title = page.kind === 'meeting' ? t('sidebarTitleEvent') : t('sidebarTitle');
  return (
    <main class="sidebar" aria-label={title}>
      <header class="bar">
        <h1>
          <img src="/icon/32.png" alt="" width={18} height={18} /> {title}
        </h1>
        <button type="button" class="icon-button" aria-label={t('collapse')} title={t('collapse')} aria-expanded="true" onClick={() => setCollapsed(true)}>
          ⟩
        </button>
      </header>
      {page.captureOff && <p class="notice">{t('captureOffHere')}</p>}
      {page.people.length === 0 && <p class="empty">{t('sidebarNobody')}</p>}
      <ul class="cards">
        {page.people.map((p) => (
          <li key={p.email}>
            <PersonCard p={p} />
          </li>
        ))}
      </ul>
      {page.more > 0 && <p class="muted small more">{t('sidebarMore', String(page.more))}</p>}
    </main>
  );
}

function PersonCard({ p }: { p: SidebarPerson }) {
  const name = displayName(p.person ?? { name: p.name }, p.email);
  // An id that says nothing about who is shown (issue 16: an id made from the address let the page
  // focus the cadence picker through this frame's fragment, and learn who is in the network).
  const cardId = useMemo(() => `c-${crypto.randomUUID()}`, []);
  const person = p.person;
  return (
    <section class="card" aria-labelledby={cardId} data-email={p.email}>
      <h2 id={cardId} class="name">
        {name}
      </h2>
      {!p.unresolved && name !== p.email && <div class="address muted">{p.email}</div>}
      <div class="meta">
        <StatusChip person={person} count={p.count} />
        {p.unresolved && <span class="chip chip-warn" title={t('unresolvedHelp')}>{t('statusUnresolved')}</span>}
        {person && <Reason person={person} />}
      </div>
      {person && <LastContact at={person.lastContact} />}
      <KnownTo knowers={p.knownTo} />
      {p.youOwe.map((o) => (
        <p key={`y-${o.threadId}`} class="owed">
          {t('youOwe', name)} · {o.subject ?? t('noSubject')} · {t('since', formatDate(o.since))}
        </p>
      ))}
      {p.theyOwe.map((o) => (
        <p key={`t-${o.threadId}`} class="owed">
          {t('theyOwe', name)} · {o.subject ?? t('noSubject')} · {t('since', formatDate(o.since))}
        </p>
      ))}
      <div class="actions">
        {person?.status === 'network' ? (
          <CadencePicker id={`${cardId}-cadence`} value={person.cadenceDays} onChange={(days) => void act({ type: 'sidebar/set-cadence', email: p.email, days })} />
        ) : (
          <button type="button" class="primary" onClick={() => void act({ type: 'sidebar/add-to-network', email: p.email, name: p.name })}>
            {t('addToNetwork')}
          </button>
        )}
        {!p.unresolved && person?.status !== 'network' && (
          <button type="button" onClick={() => confirmInSettings(`not-a-person=${encodeURIComponent(p.email)}`)}>
            {t('notAPerson')}
          </button>
        )}
        {person && (
          <button type="button" onClick={() => confirmInSettings(`forget=${encodeURIComponent(person.id)}`)}>
            {t('forget')}
          </button>
        )}
      </div>
      {p.recent.length > 0 && (
        <>
          <h3 class="small-heading">{t('recentHeading')}</h3>
          <ol class="history compact">
            {p.recent.map((i) => (
              <InteractionRow key={i.id} i={i} compact />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
