/** Wires the handlers to the message server. entrypoints/background.ts only calls this. */
import { createMessageServer } from '../messaging/server';
import { db } from '../store/db';
import { countDrop } from '../store/settings';
import { ingest } from './ingest';
import { maintain } from './maintenance';

/** Which provider a page of each origin may report: a Gmail tab cannot file Outlook captures. */
const PROVIDERS_BY_ORIGIN: Record<string, readonly string[]> = {
  'https://mail.google.com': ['gmail'],
  'https://calendar.google.com': ['google-calendar'],
  'https://outlook.live.com': ['outlook-mail', 'outlook-calendar'],
  'https://outlook.office.com': ['outlook-mail', 'outlook-calendar'],
  'https://outlook.office365.com': ['outlook-mail', 'outlook-calendar'],
};

export function startBackground(ownId: string, extensionOrigin: string) {
  const store = db();
  const housekeeping = () => void maintain(store).catch(() => {});
  housekeeping();
  return createMessageServer({
    ownId,
    extensionOrigin,
    onDrop: (reason) => void countDrop(store, reason).catch(() => {}),
    handlers: {
      'capture/detected': async (msg, from) => {
        if (!PROVIDERS_BY_ORIGIN[from.origin]?.includes(msg.detection.provider)) {
          await countDrop(store, 'provider-mismatch');
          return undefined;
        }
        const result = await ingest(store, msg.detection);
        housekeeping();
        return result;
      },
    },
  });
}
