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
  {
    // A browser-ready ES module: every dependency bundled (the library build keeps bare imports of
    // CJS packages — seedrandom, @stdlib/* — that a browser cannot load without a bundler).
    // Load it with <script type="module"> or import() from a URL; see docs/runtimes.md.
    entry: { psychkit: 'src/index.ts' },
    outDir: 'dist/browser',
    format: ['esm'],
    minify: true,
    sourcemap: true,
    target: 'es2020',
    platform: 'browser',
    noExternal: [/.*/],
    outExtension: () => ({ js: '.js' }),
    // Every @stdlib file carries an Apache-2.0 header; inline they were a third of the bundle.
    // 'linked' moves them to psychkit.js.LEGAL.txt next to it, with a comment pointing there.
    esbuildOptions(options) {
      options.legalComments = 'linked';
    },
  },
]);
