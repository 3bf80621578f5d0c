import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';

/** A boolean in storage.local, kept in sync across tabs and pages. */
export function useStorageFlag(key: string): [boolean, (v: boolean) => void] {
  const [value, setValue] = useState(false);
  useEffect(() => {
    void browser.storage.local.get(key).then((v) => setValue(Boolean(v[key])));
    const onChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'local' && key in changes) setValue(Boolean(changes[key]!.newValue));
    };
    browser.storage.onChanged.addListener(onChange);
    return () => browser.storage.onChanged.removeListener(onChange);
  }, [key]);
  return [value, (v: boolean) => void browser.storage.local.set({ [key]: v })];
}
