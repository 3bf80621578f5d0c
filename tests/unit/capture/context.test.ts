// Kring's content-script context (src/capture/context.ts), which the content-script builds use in
// place of WXT's (issue 22): it ends when the extension's runtime id goes, and cleans up once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from '../../../src/capture/context';

describe('the content-script context', () => {
  const id = fakeBrowser.runtime.id;
  afterEach(() => {
    (fakeBrowser.runtime as { id: string | undefined }).id = id;
  });

  it('is valid while the extension is there, and ends once when its runtime id goes', () => {
    const ctx = new ContentScriptContext('gmail');
    const first = vi.fn();
    const second = vi.fn();
    ctx.onInvalidated(first);
    const remove = ctx.onInvalidated(second);
    remove();
    expect(ctx.isInvalid).toBe(false);
    expect(ctx.isValid).toBe(true);
    expect(first).not.toHaveBeenCalled();
    (fakeBrowser.runtime as { id: string | undefined }).id = undefined;
    expect(ctx.isInvalid).toBe(true);
    expect(ctx.isInvalid).toBe(true);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).not.toHaveBeenCalled();
    // A callback given after the end runs at once.
    const late = vi.fn();
    ctx.onInvalidated(late);
    expect(late).toHaveBeenCalledTimes(1);
  });

  it('removes its listeners at the end, and one failing clean-up does not stop the others', () => {
    const ctx = new ContentScriptContext('gmail');
    const target = new EventTarget() as unknown as Window;
    const heard = vi.fn();
    ctx.addEventListener(target, 'hashchange', heard);
    const after = vi.fn();
    ctx.onInvalidated(() => {
      throw new Error('boom');
    });
    ctx.onInvalidated(after);
    target.dispatchEvent(new Event('hashchange'));
    expect(heard).toHaveBeenCalledTimes(1);
    ctx.notifyInvalidated();
    target.dispatchEvent(new Event('hashchange'));
    expect(heard).toHaveBeenCalledTimes(1);
    expect(after).toHaveBeenCalledTimes(1);
  });
});
