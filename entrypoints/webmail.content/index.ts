import { startCapture } from '../../src/capture/watch';
import { sendDetection } from '../../src/messaging/client';

export default defineContentScript({
  // One content script for every supported host; src/detect picks the detector by URL.
  matches: ['https://mail.google.com/*', 'https://calendar.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    startCapture(ctx, { send: sendDetection });
  },
});
