/**
 * The sidebar's frame in the webmail page. The panel itself is an extension page (sidebar.html)
 * in an iframe, so the page cannot read what it shows; this file only places the frame.
 * Open, it sits at the right edge and narrows the page by its width, so it never covers the
 * message. Collapsed (by the user, or while no message or event is open) it is a small tab.
 */
import { browser } from 'wxt/browser';
import { createIframeUi } from 'wxt/utils/content-script-ui/iframe';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendSidebarKey } from '../messaging/client';
import { OPEN_VIEWS } from '../messaging/limits';
import { SIDEBAR_COLLAPSED } from '../messaging/storage-keys';

export const SIDEBAR_WIDTH = 320;
const TAB = { width: 40, height: 132 };

export function mountSidebar(ctx: ContentScriptContext) {
  // The key this frame carries: the background answers only the frame that shows it first
  // (issue 16). Told to the background before the frame exists.
  // (crypto.randomUUID exists only on https pages; a site the user turned on may be http.)
  const key = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
  void sendSidebarKey(key).catch(() => {});
  const page = `/sidebar.html?k=${key}` as const;
  let userCollapsed = false;
  let pageHasItem = false;
  /** A frame of the page (Roundcube's preview) shows an open message: the background says so. */
  let frameHasItem = false;
  let iframe: HTMLIFrameElement | null = null;
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
    s.setProperty('top', open ? '0' : `calc(50% - ${TAB.height / 2}px)`, 'important');
    s.setProperty('width', `${open ? SIDEBAR_WIDTH : TAB.width}px`, 'important');
    s.setProperty('height', open ? '100vh' : `${TAB.height}px`, 'important');
    s.setProperty('box-shadow', open ? '-1px 0 0 rgba(0,0,0,.12)' : 'none', 'important');
    if (open) root.style.setProperty('margin-right', `${SIDEBAR_WIDTH}px`, 'important');
    else root.style.removeProperty('margin-right');
    iframe.dataset.kringState = open ? 'open' : 'collapsed';
  };

  const ui = createIframeUi(ctx, {
    page: page as '/sidebar.html',
    position: 'inline',
    // Outside <body>: single-page apps re-render their body, never the root element's children.
    anchor: () => document.documentElement,
    onMount: (wrapper, frame) => {
      wrapper.id = 'kring-sidebar';
      frame.title = 'Kring';
      frame.setAttribute('allowtransparency', 'true');
      iframe = frame;
      apply();
    },
    onRemove: () => {
      root.style.removeProperty('margin-right');
      iframe = null;
    },
  });

  void browser.storage.local.get(SIDEBAR_COLLAPSED).then((v) => {
    userCollapsed = Boolean(v[SIDEBAR_COLLAPSED]);
    apply();
  });
  const onChange = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && SIDEBAR_COLLAPSED in changes) {
      userCollapsed = Boolean(changes[SIDEBAR_COLLAPSED]!.newValue);
      apply();
    }
  };
  browser.storage.onChanged.addListener(onChange);
  ctx.onInvalidated(() => browser.storage.onChanged.removeListener(onChange));
  ui.mount();

  let version = 0;
  return {
    /**
     * Tell the sidebar to re-ask the background (it may have captured something, or the page
     * changed): a fragment change on the frame's URL, which only makes the sidebar reload its own
     * data. Extension events do not reach this frame in every browser (Firefox).
     */
    notify() {
      if (iframe && !ctx.isInvalid) iframe.src = `${browser.runtime.getURL(page)}#${++version}`;
    },
    /** The page changed what it shows. */
    setView(view: string, itemCount: number) {
      // Something removed the frame (a page that rebuilds the whole document): put it back.
      if (!ctx.isInvalid && !ui.wrapper.isConnected) ui.mount();
      const has = OPEN_VIEWS.has(view) && itemCount > 0;
      if (has !== pageHasItem) {
        pageHasItem = has;
        apply();
      }
    },
    setFrameView(view: string, itemCount: number) {
      const has = OPEN_VIEWS.has(view) && itemCount > 0;
      if (has !== frameHasItem) {
        frameHasItem = has;
        apply();
      }
    },
  };
}
