import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // ESM + CJS library builds with .d.ts / .d.cts declarations.
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    treeshake: true,
    external: ['fast-check'],
  },
  {
    // A <script>-tag build: window.psychkit. Dependencies are bundled.
    entry: { psychkit: 'src/index.ts' },
    format: ['iife'],
    globalName: 'psychkit',
    minify: true,
    sourcemap: true,
    target: 'es2020',
    platform: 'browser',
    outExtension: () => ({ js: '.global.js' }),
  },
]);
