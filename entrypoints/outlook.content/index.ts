import { runContentScript } from '../../src/capture/content-script';
import { outlookCalendar } from '../../src/detect/outlook-calendar';
import { outlookMail } from '../../src/detect/outlook-mail';

export default defineContentScript({
  // Mail and calendar share these hosts; the detector is picked by path.
  matches: ['https://outlook.live.com/*', 'https://outlook.office.com/*', 'https://outlook.office365.com/*'],
  runAt: 'document_idle',
  main: (ctx) => runContentScript(ctx, [outlookCalendar, outlookMail]),
});
