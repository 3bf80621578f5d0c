import { runContentScript } from '../../src/capture/content-script';
import { siteDetectors } from '../../src/detect';

/**
 * A webmail site the user turned Kring on for (src/sites/registry.ts registers this script there,
 * in all frames: Roundcube shows the open message in a frame of its own). Not in the manifest.
 */
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  allFrames: true,
  runAt: 'document_idle',
  main: (ctx) => runContentScript(ctx, siteDetectors, { sidebar: window.top === window }),
});
