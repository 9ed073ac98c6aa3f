// Types of scripts/build-kernel-simd.mjs for the test that checks the committed module.
export declare const WAT: string;
export declare function assemble(): Promise<string>;
export declare function source(base64: string): string;
