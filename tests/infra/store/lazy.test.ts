import { describe, expect, it } from 'vitest';
import { openOnFirstUse } from '../../../src/infra/store/lazy.ts';

describe('a store opened on first use', () => {
  it('opens on the first call, not before, and is not mistaken for a promise', async () => {
    let opened = 0;
    const store = openOnFirstUse(async () => {
      opened += 1;
      return { ping: async (value: number) => value * 2 };
    });
    expect(opened).toBe(0);
    // Returned from an async function, a thenable would be followed; this one must not be.
    const same = await (async () => store)();
    expect(same).toBe(store);
    expect(await store.ping(21)).toBe(42);
    expect(opened).toBe(1);
  });
});
