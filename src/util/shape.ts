// Structural checks of results handed back to psychkit (toApaTable, formatProcess): a result that
// was edited, serialized badly or assembled by hand fails with the caller's error naming the field
// (`equations[0].summary`) instead of a TypeError halfway through. Each caller brings its own
// leaf checks and its own error message through `reject`.

/** Checks the value at `path`; throws through the caller's `reject` if it does not fit. */
export type Shape = (value: unknown, path: string) => void;

/** Throws the caller's error for the field at `path`, which must be `what`. */
export type Reject = (path: string, what: string, value: unknown) => never;

/** Options of {@link ShapeKit.array} and {@link ShapeKit.object}. */
export interface ShapeKitOptions {
  /** Accept typed arrays where an array is expected. */
  readonly typedArrays: boolean;
  /** Accept an array where an object is expected (its fields are then checked as usual). */
  readonly arraysAsObjects: boolean;
}

export interface ShapeKit {
  /** A leaf: `test` must hold, else `what` is reported. */
  leaf(test: (v: unknown) => boolean, what: string): Shape;
  /** `null`, or `shape`. */
  nullable(shape: Shape): Shape;
  /** `null`, `undefined`, or `shape`. */
  optional(shape: Shape): Shape;
  /** An array whose items fit `item` (paths `p[i]`). */
  array(item: Shape): Shape;
  /** An object whose fields fit `fields` (paths `p.key`, or `key` at the root path ''). */
  object(fields: Readonly<Record<string, Shape>>): Shape;
}

/** Shape combinators that report through `reject`. */
export function shapeKit(reject: Reject, options: ShapeKitOptions): ShapeKit {
  const isArray = (v: unknown): v is ArrayLike<unknown> => Array.isArray(v) || (options.typedArrays && ArrayBuffer.isView(v) && !(v instanceof DataView));
  return {
    leaf: (test, what) => (v, p) => {
      if (!test(v)) reject(p, what, v);
    },
    nullable: (shape) => (v, p) => {
      if (v !== null) shape(v, p);
    },
    optional: (shape) => (v, p) => {
      if (v !== null && v !== undefined) shape(v, p);
    },
    array: (item) => (v, p) => {
      if (!isArray(v)) reject(p, 'an array', v);
      for (let i = 0; i < v.length; i++) item(v[i], `${p}[${i}]`);
    },
    object: (fields) => (v, p) => {
      if (typeof v !== 'object' || v === null || (!options.arraysAsObjects && Array.isArray(v))) reject(p, 'an object', v);
      for (const [key, shape] of Object.entries(fields)) shape((v as Record<string, unknown>)[key], p ? `${p}.${key}` : key);
    },
  };
}
