/** "1 row", "3 rows": a count with its noun in the right number (English; `many` for irregular plurals). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
