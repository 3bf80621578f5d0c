// Prepended to the reference extension's content script to make the benchmark's second baseline
// (bench/run.ts, referenceWithFrame): the same reading and sending, plus what any in-page sidebar
// costs, an extension page in an iframe at the right edge, placed at the first report. No sidebar
// logic: the frame's page is empty. Not shipped.
let framed = false;
function placeFrame() {
  if (framed) return;
  framed = true;
  const wrapper = document.createElement('div');
  const frame = document.createElement('iframe');
  for (const [k, v] of [['position', 'fixed'], ['top', '0'], ['right', '0'], ['width', '320px'], ['height', '100vh'], ['border', '0']]) frame.style.setProperty(k, v, 'important');
  frame.src = chrome.runtime.getURL('/panel.html');
  wrapper.append(frame);
  document.documentElement.append(wrapper);
}
