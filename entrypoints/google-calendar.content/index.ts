import { runContentScript } from '../../src/capture/content-script';
import { googleCalendar } from '../../src/detect/google-calendar';

export default defineContentScript({
  matches: ['https://calendar.google.com/*'],
  runAt: 'document_idle',
  main: (ctx) => runContentScript(ctx, [googleCalendar]),
});
