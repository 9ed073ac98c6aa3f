// The other way: the rows themselves, read from DuckDB into JavaScript as one Float64Array per
// item (and the site labels), the column-object table psychkit reads without copying cell by cell.
import type { DuckDBConnection } from '@duckdb/node-api';
import { ITEMS, type Item } from './survey.js';

export type SurveyColumns = Record<Item, Float64Array> & { site: string[] };

/** Reads the result of `select` (a query with the columns site, q1 … q8) into columns. */
export async function readColumns(connection: DuckDBConnection, select: string): Promise<SurveyColumns> {
  // Counted first so each Float64Array is allocated once, at its size (a Parquet file's count
  // comes from its metadata). Not materialized in DuckDB: that would hold the rows twice.
  const count = await connection.runAndReadAll(`SELECT count(*) AS n FROM (${select})`);
  const n = Number(count.getRowObjects()[0]!['n'] as bigint);
  const items = ITEMS.map(() => new Float64Array(n));
  const site = new Array<string>(n);
  const result = await connection.stream(`SELECT site, ${ITEMS.join(', ')} FROM (${select})`);
  let offset = 0;
  for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
    const rows = chunk.rowCount;
    const labels = chunk.getColumnVector(0);
    for (let r = 0; r < rows; r++) site[offset + r] = labels.getItem(r) as string;
    for (let j = 0; j < ITEMS.length; j++) {
      const vector = chunk.getColumnVector(j + 1);
      const target = items[j]!;
      // A NULL cell becomes NaN, which psychkit reads as missing.
      for (let r = 0; r < rows; r++) target[offset + r] = (vector.getItem(r) as number | null) ?? Number.NaN;
    }
    offset += rows;
  }
  if (offset !== n) throw new Error(`read ${offset} rows; expected ${n}`);
  return { site, ...(Object.fromEntries(ITEMS.map((q, j) => [q, items[j]!])) as Record<Item, Float64Array>) };
}
