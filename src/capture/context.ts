/**
 * A content script's life in its page: valid until the extension is reloaded, updated or removed
 * (its runtime id is then gone), when every `onInvalidated` callback runs once.
 *
 * Kring's own, in place of WXT's ContentScriptContext: wxt.config.ts points the content-script
 * builds' `wxt/utils/content-script-context` here, so WXT's entry constructs this one. WXT's also
 * builds an AbortController, watches addresses through the Navigation API, and announces every start
 * to the page with a CustomEvent and a `window.postMessage` to any origin. Each of those is an
 * interface a tab then holds in Kring's world for as long as it is open (bench: JS heap added to a
 * Gmail tab, issue 22), and the last tells every page script that Kring runs. Kring needs none of
 * it: it watches addresses itself (watch.ts), and it never injects into a tab already open. A copy
 * left behind by an update finds its runtime id gone at its next check and removes what it placed;
 * where it cannot (its code no longer runs), a new copy replaces the frame it left
 * (sidebar-frame.ts).
 */
import { browser } from 'wxt/browser';

/** What Kring's content-script code asks of its context (WXT's and this one both give it). */
export interface ScriptLife {
  readonly isInvalid: boolean;
  onInvalidated(cb: () => void): void;
  addEventListener(target: Window, type: string, handler: () => void): void;
}

export class ContentScriptContext implements ScriptLife {
  #invalid = false;
  #callbacks: (() => void)[] = [];

  /** WXT's entry passes the script's name and options; Kring's context needs neither. */
  constructor(_name?: string, _options?: unknown) {}

  get isInvalid(): boolean {
    if (!this.#invalid && browser.runtime?.id == null) this.notifyInvalidated();
    return this.#invalid;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  /** Runs `cb` once, when the context ends; at once if it has ended. Returns its removal. */
  onInvalidated(cb: () => void): () => void {
    if (this.#invalid) {
      cb();
      return () => {};
    }
    this.#callbacks.push(cb);
    return () => {
      const i = this.#callbacks.indexOf(cb);
      if (i >= 0) this.#callbacks.splice(i, 1);
    };
  }

  /** A listener removed when the context ends. */
  addEventListener(target: Window, type: string, handler: () => void): void {
    target.addEventListener(type, handler);
    this.onInvalidated(() => target.removeEventListener(type, handler));
  }

  notifyInvalidated(): void {
    if (this.#invalid) return;
    this.#invalid = true;
    for (const cb of this.#callbacks.splice(0)) {
      try {
        cb();
      } catch {
        // One callback failing must not keep the others from cleaning up.
      }
    }
  }
}
