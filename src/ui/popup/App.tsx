/**
 * The popup: whom you are neglecting (Due), everyone (People), their organisations, and one
 * person's or organisation's page, each screen
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
import { OrganisationPage } from './OrganisationPage';
import { Organisations } from './Organisations';
import { People } from './People';
import { PersonPage } from './PersonPage';
import { ThisSite } from './ThisSite';

type Tab = 'due' | 'people' | 'orgs';
const TAB_LABEL = { due: 'tabDue', people: 'tabPeople', orgs: 'tabOrgs' } as const;
/** A page opened over the tabs: a person, or an organisation. Back returns to the one below. */
type Opened = { person: string } | { org: string };

export function App() {
  const [tab, setTab] = useState<Tab>('due');
  const [stack, setStack] = useState<Opened[]>([]);
  const [storeFull] = useStorageFlag(STORE_FULL, 'session');
  const open = (o: Opened) => setStack((s) => [...s, o]);
  const openPerson = (id: string) => open({ person: id });
  const openOrg = (domain: string) => open({ org: domain });
  const back = () => setStack((s) => s.slice(0, -1));
  const top = stack[stack.length - 1];
  if (top && 'person' in top) return <PersonPage key={top.person} personId={top.person} onBack={back} onOpen={openPerson} />;
  if (top && 'org' in top) return <OrganisationPage key={top.org} domain={top.org} onBack={back} onOpenPerson={openPerson} />;
  return (
    <main class="popup">
      <header class="bar">
        <h1>
          <img src="/icon/32.png" alt="" width={18} height={18} /> {t('extName')}
        </h1>
        <div role="tablist" class="tabs" aria-label={t('extName')}>
          {(['due', 'people', 'orgs'] as const).map((k) => (
            <button key={k} type="button" role="tab" id={`tab-${k}`} aria-selected={tab === k} aria-controls={`panel-${k}`} onClick={() => setTab(k)}>
              {t(TAB_LABEL[k])}
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
        {tab === 'due' ? <DueList onOpen={openPerson} onOpenOrg={openOrg} /> : tab === 'people' ? <People onOpen={openPerson} onOpenOrg={openOrg} /> : <Organisations onOpen={openOrg} />}
      </section>
    </main>
  );
}
