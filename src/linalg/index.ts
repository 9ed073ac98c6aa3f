export { crossProducts, crossprodColumnsInto, covarianceMatrix, correlationMatrixOf, covarianceToCorrelation } from './covariance.js';
export type { CrossProducts, MissingRule, SymmetricMatrixResult } from './covariance.js';
export { symmetricEigen } from './eigen.js';
export type { SymmetricEigen } from './eigen.js';
export { choleskyInPlace, choleskySolveInPlace, inverseSPD } from './solve.js';
export { multiplyInto, crossprodInto, tcrossprodInto, mirrorTriangle } from './products.js';
export { householderQr, qrLeastSquares, qrRInverse, applyQTransposeInPlace, QR_TOLERANCE } from './qr.js';
export type { QrDecomposition, QrLeastSquares } from './qr.js';
