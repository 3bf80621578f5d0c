// @vitest-environment jsdom
// The sidebar's frame in the page (src/capture/sidebar-frame.ts): its key comes from the background
// (issue 22); without an answer there is no frame yet, and the page's next report asks again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { mountSidebar } from '../../../src/capture/sidebar-frame';

const ctx = { isInvalid: false, onInvalidated: () => () => {}, addEventListener: () => {} };
const KEY = '0123456789abcdef0123456789abcdef';
const frames = () => document.querySelectorAll('#kring-sidebar iframe');
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the sidebar frame', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    document.querySelectorAll('#kring-sidebar').forEach((el) => el.remove());
  });

  it('is built with the key the background made, as the user left it; not before an answer, asked again after none', async () => {
    const send = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    send.mockRejectedValueOnce(new Error('worker stopped')).mockResolvedValueOnce(undefined).mockResolvedValueOnce({ key: KEY, collapsed: true });
    const sidebar = mountSidebar(ctx);
    sidebar.setView('thread', 2);
    await settle();
    expect(frames()).toHaveLength(0);
    sidebar.setView('thread', 2);
    await settle();
    expect(frames()).toHaveLength(0);
    sidebar.setView('thread', 2);
    await settle();
    expect(send).toHaveBeenCalledTimes(3);
    expect(send).toHaveBeenLastCalledWith({ type: 'capture/sidebar' });
    const frame = frames()[0] as HTMLIFrameElement;
    expect(frames()).toHaveLength(1);
    expect(frame.src).toContain(`/sidebar.html?k=${KEY}`);
    expect(frame.getAttribute('data-kring-state')).toBe('collapsed');
    sidebar.setCollapsed(false);
    expect(frame.getAttribute('data-kring-state')).toBe('open');
    // Built once: later reports ask for no new key.
    sidebar.setView('thread', 3);
    await settle();
    expect(send).toHaveBeenCalledTimes(3);
  });
});
