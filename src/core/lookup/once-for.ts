/**
 * A function that makes its value once per object and keeps it while the object lives: what a
 * fact works out on first use, and the lookup's reusable buffers, one set per index (ranking runs
 * one question at a time, so one set serves them all).
 */
export function onceFor<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const made = new WeakMap<K, V>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) {
      value = make(key);
      made.set(key, value);
    }
    return value;
  };
}
