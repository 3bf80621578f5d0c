import { runContentScript } from '../../src/capture/content-script';
import { gmail } from '../../src/detect/gmail';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  main: (ctx) => runContentScript(ctx, [gmail]),
});
