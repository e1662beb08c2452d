// The only module that imports idb-keyval: every persisted value goes through these helpers.
import { createStore, del, get, getMany, keys, set } from 'idb-keyval';

const store = createStore('dckit', 'kv');

export function read<T>(key: string): Promise<T | undefined> {
  return get<T>(key, store);
}

export function write<T>(key: string, value: T): Promise<void> {
  return set(key, value, store);
}

export function remove(key: string): Promise<void> {
  return del(key, store);
}

/** The stored keys that begin with `prefix`, in order. */
export async function keysStartingWith(prefix: string): Promise<string[]> {
  const all = await keys<IDBValidKey>(store);
  return all.filter((k): k is string => typeof k === 'string' && k.startsWith(prefix)).sort();
}

export function readMany<T>(keyList: string[]): Promise<(T | undefined)[]> {
  return getMany<T>(keyList, store);
}

/**
 * Read-modify-write steps on stored lists, one at a time: several transfers (one per peer) can
 * finish at once, and two interleaved updates would lose a record.
 */
let queue: Promise<unknown> = Promise.resolve();
export function serially<T>(step: () => Promise<T>): Promise<T> {
  const next = queue.then(step, step);
  queue = next.catch(() => {});
  return next;
}
