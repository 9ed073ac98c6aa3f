/**
 * A deep copy of plain arrays, typed arrays and plain objects (own enumerable string keys), with
 * every other value — functions, symbols, dates, class instances — kept by reference, so that
 * `expect(input).toEqual(inputSnapshot(input))` after a call proves the call changed nothing even
 * for hostile inputs that `structuredClone` rejects. Use together with `deepFreeze`, which makes a
 * write to a frozen input throw (and so fail a "valid result or PsychkitError" property).
 */
export function inputSnapshot<T>(value: T, seen = new Map<unknown, unknown>()): T {
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return seen.get(value) as T;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const copy = (value as unknown as { slice(): unknown }).slice();
    seen.set(value, copy);
    return copy as T;
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    seen.set(value, copy);
    value.forEach((v, i) => (copy[i] = inputSnapshot(v, seen)));
    return copy as T;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const copy: Record<string, unknown> = proto === null ? Object.create(null) : {};
  seen.set(value, copy);
  for (const key of Object.keys(value)) {
    Object.defineProperty(copy, key, { value: inputSnapshot((value as Record<string, unknown>)[key], seen), enumerable: true, writable: true, configurable: true });
  }
  return copy as T;
}
