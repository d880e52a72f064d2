import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTabLock } from '../../src/app/persistence/tab-lock';

/**
 * A Web Locks manager as the browser keeps it: one queue per lock, first come first served,
 * and a page's locks and queued requests go when its page ends (`end(page)`), which the
 * browser does a moment after the page is gone, not at once.
 */
class FakeLocks {
  page = 'first';
  private holder: { page: string; done: Promise<unknown> } | null = null;
  private queue: { page: string; grant: () => void; signal?: AbortSignal }[] = [];

  request(
    _name: string,
    optionsOrCb: { ifAvailable?: boolean; signal?: AbortSignal } | ((lock: object | null) => unknown),
    maybeCb?: (lock: object | null) => unknown,
  ): Promise<unknown> {
    const options = typeof optionsOrCb === 'function' ? {} : optionsOrCb;
    const cb = typeof optionsOrCb === 'function' ? optionsOrCb : maybeCb!;
    const page = this.page;
    return new Promise((resolve, reject) => {
      const grant = () => {
        const done = Promise.resolve(cb({ name: 'lock' }));
        this.holder = { page, done };
        void done.then(resolve, reject).finally(() => {
          if (this.holder?.done === done) this.next();
        });
      };
      if (!this.holder && this.queue.length === 0) return grant();
      if (options.ifAvailable) return resolve(cb(null));
      const entry = { page, grant, signal: options.signal };
      this.queue.push(entry);
      options.signal?.addEventListener('abort', () => {
        const i = this.queue.indexOf(entry);
        if (i < 0) return;
        this.queue.splice(i, 1);
        reject(new DOMException('aborted', 'AbortError'));
      });
    });
  }

  private next() {
    this.holder = null;
    this.queue.shift()?.grant();
  }

  end(page: string) {
    this.queue = this.queue.filter((q) => q.page !== page);
    if (this.holder?.page === page) this.next();
  }
}

/** BroadcastChannel between the pages of one test: delivered later, never to the sender. */
class FakeChannel extends EventTarget {
  static open: FakeChannel[] = [];
  constructor(readonly name: string) {
    super();
    FakeChannel.open.push(this);
  }
  postMessage(data: unknown) {
    for (const c of FakeChannel.open)
      if (c !== this && c.name === this.name)
        setTimeout(() => c.dispatchEvent(new MessageEvent('message', { data })), 0);
  }
}

let locks: FakeLocks;
beforeEach(() => {
  locks = new FakeLocks();
  FakeChannel.open = [];
  sessionStorage.clear();
  vi.stubGlobal('navigator', { ...navigator, locks });
  vi.stubGlobal('BroadcastChannel', FakeChannel);
});
afterEach(() => vi.unstubAllGlobals());

/** What one page is told, in order. */
function page(name: string) {
  locks.page = name;
  const told: string[] = [];
  const lock = openTabLock({
    beforeRelease: async () => undefined,
    onLost: () => told.push('lost'),
    onFreed: () => told.push('freed'),
    onHeldElsewhere: () => told.push('held elsewhere'),
  });
  return { lock, told };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('tab lock', () => {
  it('a saving tab that reloads saves again even when its old page lets go after the new page asks', async () => {
    const before = page('first');
    expect((await before.lock).held).toBe(true);
    window.dispatchEvent(new Event('pagehide')); // the reload begins
    const after = page('first, reloaded'); // same tab, same sessionStorage
    await settle();
    locks.end('first'); // the browser frees the old page's lock only now
    expect((await after.lock).held).toBe(true);
    expect(after.told).toEqual([]);
  });

  it('a second tab is still told another tab saves, and a duplicated tab too', async () => {
    expect((await page('first').lock).held).toBe(true);
    expect((await page('second').lock).held).toBe(false);
    // A duplicate copies sessionStorage while the original is open: no mark to find.
    expect((await page('duplicate').lock).held).toBe(false);
  });

  it('the second tab, told the saving tab closed when it only reloaded, is told it saves again', async () => {
    expect((await page('first').lock).held).toBe(true);
    sessionStorage.clear(); // the second tab has its own sessionStorage
    const second = page('second');
    expect((await second.lock).held).toBe(false);
    window.dispatchEvent(new Event('pagehide')); // the first tab reloads (only it holds: only it marks)
    const reloaded = page('first, reloaded');
    locks.page = 'second'; // the requests that follow come from the second tab's watch
    await settle();
    locks.end('first');
    expect((await reloaded.lock).held).toBe(true);
    await settle();
    expect(second.told).toEqual(['freed', 'held elsewhere']);
    // And when the reloaded tab really closes, the second tab hears it.
    locks.end('first, reloaded');
    await settle();
    expect(second.told).toEqual(['freed', 'held elsewhere', 'freed']);
  });

  it('taking over: the old tab is told it lost, the new tab saves', async () => {
    const first = page('first');
    expect((await first.lock).held).toBe(true);
    const second = page('second');
    const two = await second.lock;
    await two.takeOver();
    expect(two.held).toBe(true);
    expect((await first.lock).held).toBe(false);
    expect(first.told).toEqual(['lost']);
  });
});
