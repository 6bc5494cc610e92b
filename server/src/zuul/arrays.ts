// Spreading an array into a call (`a.push(...b)`) passes every element as an
// argument, and past about 100,000 elements V8 throws "Maximum call stack
// size exceeded". A file can hold that many findings or items.

/** Appends every item to `target`; returns `target`. */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const x of items) target.push(x);
  return target;
}
