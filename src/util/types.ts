/** A matrix as results report it: rows of numbers, read-only (rows × columns). */
export type Matrix = readonly (readonly number[])[];
