/**
 * Freezes a result object and everything reachable from it (arrays and plain objects; typed
 * arrays cannot be frozen and are left as they are). Results are values: callers may share them
 * freely, and an accidental write fails loudly in strict mode.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || ArrayBuffer.isView(value)) return value;
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return Object.freeze(value);
}
