export { readTable, isMatrixInput } from './table.js';
export type { Table, TableView, RowObject, ColumnObject, ArrowLike, ArqueroLike, MatrixInput } from './table.js';
export { isMissing } from './missing.js';
export { cellToNumber, numericColumn, numericColumns } from './numeric.js';
export type { NumericColumns } from './numeric.js';
export { listwise, pairwiseCounts } from './complete.js';
export type { ListwiseColumns } from './complete.js';
export { categoricalColumn, dummyCode } from './categorical.js';
export type { CategoricalColumn, DummyCoding, DummyCodeOptions } from './categorical.js';
