import { answerScrubRequests } from '../../src/capture/scrub-request';
import { mountSidebar } from '../../src/capture/sidebar-frame';
import { startCapture } from '../../src/capture/watch';
import { sendDetection, sendPage } from '../../src/messaging/client';

export default defineContentScript({
  // One content script for every supported host; src/detect picks the detector by URL.
  matches: [
    'https://mail.google.com/*',
    'https://calendar.google.com/*',
    'https://outlook.live.com/*',
    'https://outlook.office.com/*',
    'https://outlook.office365.com/*',
  ],
  runAt: 'document_idle',
  main(ctx) {
    const sidebar = mountSidebar(ctx);
    answerScrubRequests(ctx);
    startCapture(ctx, {
      send: sendDetection,
      sendPage,
      onDetection: (d) => sidebar.setView(d.view, d.items.length),
    });
  },
});
