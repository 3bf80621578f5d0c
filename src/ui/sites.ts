/** The sites the user turned Kring on for, for the popup and the settings page. */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { SITES_KEY } from '../messaging/storage-keys';
import { browserSites } from '../sites/browser';

export const sites = browserSites();

/** The list, kept current across pages. */
export function useSites(): string[] | undefined {
  const [list, setList] = useState<string[] | undefined>(undefined);
  useEffect(() => {
    void sites.list().then(setList);
    const onChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && SITES_KEY in changes) void sites.list().then(setList);
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, []);
  return list;
}
