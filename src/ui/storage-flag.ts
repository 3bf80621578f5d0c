import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

/** A flag in storage.local (or .session), kept in sync across tabs and pages; set means truthy. */
export function useStorageFlag(key: string, areaName: 'local' | 'session' = 'local'): [boolean, (v: boolean) => void] {
  const [value, setValue] = useState(false);
  useEffect(() => {
    void browser.storage[areaName].get(key).then((v) => setValue(Boolean(v[key])));
    const onChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === areaName && key in changes) setValue(Boolean(changes[key]!.newValue));
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, [key, areaName]);
  return [value, (v: boolean) => void browser.storage[areaName].set({ [key]: v })];
}
