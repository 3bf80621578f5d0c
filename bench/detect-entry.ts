// Bundled by bench/run.ts into the page, to time the detector where Kring runs it: in Chromium.
import { detectGmail } from '../src/detect/gmail';

(globalThis as unknown as { __kringDetect: typeof detectGmail }).__kringDetect = detectGmail;
