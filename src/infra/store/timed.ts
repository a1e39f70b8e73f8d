/**
 * Times every store call for the store-latency histogram. A wrapper rather than timing inside
 * sql-store.ts, so the store logic stays free of metrics and both drivers are measured alike.
 */

/** Where a call's duration goes: its method name, seconds, and whether it resolved. */
export type StoreObserver = (operation: string, seconds: number, ok: boolean) => void;

/** The same store, each method timed; every store method is async, so each returns a promise. */
export function timeStore<T extends object>(store: T, observe: StoreObserver): T {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return async (...args: unknown[]) => {
        const started = performance.now();
        try {
          const result: unknown = await value.apply(target, args);
          observe(key, (performance.now() - started) / 1000, true);
          return result;
        } catch (error) {
          observe(key, (performance.now() - started) / 1000, false);
          throw error;
        }
      };
    },
  });
}
