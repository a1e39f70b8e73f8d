/**
 * A store that opens on its first call. The console opens no store at start-up (it may never
 * need one), yet its core takes reports; the first `/report` opens it.
 */
export function openOnFirstUse<T extends object>(open: () => Promise<T>): T {
  return new Proxy({} as T, {
    get(_target, key) {
      // Not a promise: `await` and `return` from an async function look for `then`.
      if (key === 'then' || typeof key === 'symbol') return undefined;
      return async (...args: unknown[]) => {
        const store = await open();
        const method: unknown = Reflect.get(store, key);
        if (typeof method !== 'function') throw new TypeError(`no store method ${String(key)}`);
        return method.apply(store, args);
      };
    },
  });
}
