/**
 * The popup: whom you are neglecting (Due), everyone (People), and one person's page, each screen
 * in its own file beside this one. Reads the store directly; writes only what the user does.
 */
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { STORE_FULL } from '../../messaging/storage-keys';
import { t } from '../i18n';
import { OwnQuestions } from '../own-question';
import { useStorageFlag } from '../storage-flag';
import { SyncWarning } from '../sync-state';
import { DueList } from './DueList';
import { People } from './People';
import { PersonPage } from './PersonPage';
import { ThisSite } from './ThisSite';

type Tab = 'due' | 'people';

export function App() {
  const [tab, setTab] = useState<Tab>('due');
  const [openId, setOpenId] = useState<string | null>(null);
  const [storeFull] = useStorageFlag(STORE_FULL, 'session');
  if (openId) return <PersonPage personId={openId} onBack={() => setOpenId(null)} onOpen={setOpenId} />;
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
        {tab === 'due' ? <DueList onOpen={setOpenId} /> : <People onOpen={setOpenId} />}
      </section>
    </main>
  );
}
