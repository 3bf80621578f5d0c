/** "Use Kring on this site": the popup's line for the webmail in the tab it was opened over (issue 11). */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { siteOrigin } from '../../sites/registry';
import { InsecureSite } from '../components';
import { t } from '../i18n';
import { sites, useSites } from '../sites';

/**
 * "Use Kring on this site": for the webmail in the tab the popup was opened over (issue 11). The
 * browser asks the user for that one site; the tab reloads with Kring in it.
 */
export function ThisSite() {
  const [tabInfo, setTabInfo] = useState<{ id: number; origin: string } | null>(null);
  const [warned, setWarned] = useState(false);
  const list = useSites();
  useEffect(() => {
    void browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => {
      const origin = tab?.url ? siteOrigin(tab.url) : null;
      if (origin && tab?.id !== undefined) setTabInfo({ id: tab.id, origin });
    });
  }, []);
  if (!tabInfo || !list) return null;
  const on = list.includes(tabInfo.origin);
  const turnOn = () =>
    void sites.enable(tabInfo.origin).then((r) => {
      if (r.ok) void browser.tabs.reload(tabInfo.id);
    });
  if (warned) return <InsecureSite origin={tabInfo.origin} onAnyway={turnOn} onCancel={() => setWarned(false)} />;
  return (
    <p class="this-site small">
      {on ? (
        <>
          {t('siteOn', new URL(tabInfo.origin).host)}{' '}
          <button type="button" class="link" onClick={() => void sites.disable(tabInfo.origin)}>
            {t('siteTurnOff')}
          </button>
        </>
      ) : (
        <button type="button" onClick={() => (tabInfo.origin.startsWith('http:') ? setWarned(true) : turnOn())}>
          {t('useOnThisSite', new URL(tabInfo.origin).host)}
        </button>
      )}
    </p>
  );
}
