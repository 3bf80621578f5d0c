import { browser } from 'wxt/browser';
import { startBackground } from '../src/background';

export default defineBackground(() => {
  const listener = startBackground(browser.runtime.id, new URL(browser.runtime.getURL('/')).origin);
  browser.runtime.onMessage.addListener((message, sender) => listener(message, sender));
});
