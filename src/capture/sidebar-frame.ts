/**
 * The sidebar's frame in the webmail page. The panel itself is an extension page (sidebar.html)
 * in an iframe, so the page cannot read what it shows; this file only places the frame.
 * Open, it sits at the right edge and narrows the page by its width, so it never covers the
 * message. Collapsed by the user, it is a small tab.
 * The frame is built only once the page (or a frame of it) shows an open message or event: a tab
 * that only ever shows the inbox pays for no frame and no key message (issue 22). Once built it
 * stays, as a tab while nothing is open. Whether the user collapsed it comes from the background,
 * with the answer to the key and on each change (src/background/sidebar-toggle.ts): no storage API
 * in the tab.
 */
import { browser } from 'wxt/browser';
import type { ScriptLife } from './context';
import { SIDEBAR_RELOAD, askSidebarKey } from '../messaging/client';
import { FRAME_ID, OPEN_VIEWS } from '../messaging/limits';

/**
 * Sizes as the text the style wants, not numbers printed at each change: printing numbers fills
 * V8's number-to-string cache, which the whole tab shares and which grows from 1 KB to 64 KB for
 * good once two numbers meet in it (bench: JS heap added to a Gmail tab, issue 22).
 */
const OPEN = { width: '320px', height: '100vh', top: '0' };
/** Collapsed, a 40 × 132 px tab at mid-height. */
const TAB = { width: '40px', height: '132px', top: 'calc(50% - 66px)' };
/** Reports answered within this of each other reload the sidebar once. */
const NOTIFY_MS = 50;

export function mountSidebar(ctx: ScriptLife) {
  let page = '';
  let userCollapsed = false;
  let pageHasItem = false;
  /** A frame of the page (Roundcube's preview) shows an open message: the background says so. */
  let frameHasItem = false;
  let wrapper: HTMLDivElement | null = null;
  let iframe: HTMLIFrameElement | null = null;
  let building = false;
  /** The frame's page has loaded; until then a notice waits (see notify). */
  let loaded = false;
  let noticeWaiting = false;
  const root = document.documentElement;

  const apply = () => {
    if (!iframe) return;
    const open = !userCollapsed && (pageHasItem || frameHasItem);
    const s = iframe.style;
    s.setProperty('position', 'fixed', 'important');
    s.setProperty('right', '0', 'important');
    s.setProperty('z-index', '2147483646', 'important');
    s.setProperty('border', '0', 'important');
    s.setProperty('color-scheme', 'normal', 'important');
    const size = open ? OPEN : TAB;
    s.setProperty('top', size.top, 'important');
    s.setProperty('width', size.width, 'important');
    s.setProperty('height', size.height, 'important');
    s.setProperty('box-shadow', open ? '-1px 0 0 rgba(0,0,0,.12)' : 'none', 'important');
    if (open) root.style.setProperty('margin-right', OPEN.width, 'important');
    else root.style.removeProperty('margin-right');
    iframe.setAttribute('data-kring-state', open ? 'open' : 'collapsed');
  };

  const build = () => {
    if (ctx.isInvalid || iframe) return;
    wrapper = document.createElement('div');
    wrapper.id = FRAME_ID;
    iframe = document.createElement('iframe');
    iframe.title = 'Kring';
    iframe.setAttribute('allowtransparency', 'true');
    iframe.src = browser.runtime.getURL(page as '/sidebar.html');
    iframe.addEventListener('load', () => {
      loaded = true;
      if (noticeWaiting) {
        noticeWaiting = false;
        tell();
      }
    });
    apply();
    wrapper.append(iframe);
    // A frame an earlier copy of Kring left in this page (the extension updated while the tab was
    // open, and the old copy could no longer clear up) goes: one sidebar per page.
    document.getElementById(FRAME_ID)?.remove();
    // Outside <body>: single-page apps re-render their body, never the root element's children.
    root.append(wrapper);
    ctx.onInvalidated(() => {
      wrapper?.remove();
      root.style.removeProperty('margin-right');
      iframe = null;
    });
  };

  /** Built when first wanted; put back when something removed it (a page that rebuilds the whole document). */
  const ensure = () => {
    if (ctx.isInvalid) return;
    if (wrapper) {
      if (!wrapper.isConnected) root.append(wrapper);
      return;
    }
    if (building) return;
    building = true;
    // The key this frame carries: the background makes it, and answers only the frame that shows
    // it first (issue 16). Its answer also says whether the user collapsed the sidebar, so the
    // frame is built as they left it, not flipped once on screen. No answer (the worker stopping
    // mid-message): no frame yet; the page's next report asks again.
    askSidebarKey().then(
      (answer) => {
        const a = answer as { key?: unknown; collapsed?: unknown } | undefined;
        if (typeof a?.key !== 'string' || a.key.length < 16) {
          building = false;
          return;
        }
        page = `/sidebar.html?k=${a.key}`;
        userCollapsed = a.collapsed === true;
        build();
      },
      () => {
        building = false;
      },
    );
  };

  let notifying = false;
  /** Only Kring's own page, at its own origin, can receive it. */
  const tell = () => {
    // (Not new URL(...).origin: that is "null" for Firefox's moz-extension: addresses.)
    if (iframe && !ctx.isInvalid) iframe.contentWindow?.postMessage(SIDEBAR_RELOAD, browser.runtime.getURL('/').replace(/\/$/, ''));
  };
  return {
    /**
     * Tell the sidebar to re-ask the background (it may have captured something, or the page
     * changed): a message to the frame's window that carries nothing, on which the sidebar only
     * reloads its own data. Extension events do not reach this frame in every browser (Firefox).
     * Not a change of the frame's address: that is a navigation, 1–2 ms of the page's time each,
     * and 9 ms when it restarted a frame still loading (issue 22). A frame not built yet needs no
     * telling: it asks when it loads. A frame still loading is told once it has loaded, as its
     * first request may have come before the report it should show. Answers that come together
     * (the page's report and its new items) are told once.
     */
    notify() {
      if (!iframe || notifying || ctx.isInvalid) return;
      if (!loaded) {
        noticeWaiting = true;
        return;
      }
      notifying = true;
      setTimeout(() => {
        notifying = false;
        tell();
      }, NOTIFY_MS);
    },
    /** The user collapsed or opened the sidebar (in any tab, or by the shortcut): the background says so. */
    setCollapsed(collapsed: boolean) {
      if (collapsed === userCollapsed) return;
      userCollapsed = collapsed;
      apply();
    },
    /** The page changed what it shows. */
    setView(view: string, itemCount: number) {
      const has = OPEN_VIEWS.has(view) && itemCount > 0;
      if (has || wrapper) ensure();
      if (has !== pageHasItem) {
        pageHasItem = has;
        apply();
      }
    },
    setFrameView(view: string, itemCount: number) {
      const has = OPEN_VIEWS.has(view) && itemCount > 0;
      if (has) ensure();
      if (has !== frameHasItem) {
        frameHasItem = has;
        apply();
      }
    },
  };
}
