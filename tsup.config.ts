import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import type { Plugin } from 'esbuild';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

// The bundled files' own licence headers are dropped (legalComments: 'none'; inline they were 75 kB
// per output file, 46 copies of one Apache-2.0 header with different years). Their licences,
// copyright lines and NOTICE texts are in THIRD-PARTY-NOTICES instead, and every output file
// says so at its top.
const banner = {
  js: `/*! psychkit ${version} | MIT licence | bundles code from @stdlib (Apache-2.0), seedrandom (MIT) and simple-statistics (ISC): see THIRD-PARTY-NOTICES in the psychkit package */`,
};

// psychkit has no run-time dependencies: the few third-party functions it uses are bundled into
// dist/ (their licences in THIRD-PARTY-NOTICES, written by scripts/third-party-notices.mjs after
// the build). They are devDependencies, so tsup would bundle them anyway; the list says it aloud.
// fast-check (an optional peer of psychkit/testing) is only ever imported as a type.
//
// Every build writes esbuild's metafile (dist/**/metafile-<format>.json: which input files went
// into which output, and how many bytes each contributes). scripts/third-party-notices.mjs reads
// them to list what was bundled, scripts/bundle-size.mjs to attribute the browser bundle's bytes.
// They are build records, not package contents: "files" in package.json leaves them out.
const BUNDLED = [/^@stdlib\//, /^seedrandom(\/|$)/, /^simple-statistics(\/|$)/];

/**
 * @stdlib's inverse incomplete gamma (behind the χ² quantile) calls `require('debug')` for one
 * overflow warning. debug's Node build reads every DEBUG_* environment variable when it loads
 * (which is why Deno needed --allow-env) and its browser build reads localStorage; psychkit never
 * enables it. Replace it with a logger that does nothing, so nothing reads the environment.
 */
const debugStub: Plugin = {
  name: 'psychkit-debug-stub',
  setup(build) {
    build.onResolve({ filter: /^debug$/ }, () => ({ path: 'debug', namespace: 'psychkit-debug-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'psychkit-debug-stub' }, () => ({
      contents: 'function noop() {}\nnoop.enabled = false;\nmodule.exports = function debug() { return noop; };\n',
      loader: 'js',
    }));
  },
};

/** build/vendor.js's re-exports: package specifier → [name in the package, name in vendor]. */
const vendorExports = new Map<string, Array<[string, string]>>();
for (const m of readFileSync(new URL('./build/vendor.js', import.meta.url), 'utf8').matchAll(/^export \{ (\w+)(?: as (\w+))? \} from '([^']+)';$/gm)) {
  const [, imported, exported, specifier] = m as unknown as [string, string, string | undefined, string];
  vendorExports.set(specifier, [...(vendorExports.get(specifier) ?? []), [imported, exported ?? imported]]);
}

/**
 * For the library builds: every bare import in src/ of a bundled package becomes an import from
 * dist/vendor/index.js (ESM) or index.cjs (CJS), the minified build of build/vendor.js, so the
 * third-party code is in dist/ once per format, minified, and psychkit's own code stays as
 * written. Any other bare import (a new package, a Node built-in) fails the build: the core must
 * run in browsers and install without dependencies. fast-check is external (peer dependency,
 * type-only imports) before this plugin sees it.
 */
const fromVendor: Plugin = {
  name: 'psychkit-from-vendor',
  setup(build) {
    const format = build.initialOptions.define?.TSUP_FORMAT === '"cjs"' ? 'cjs' : 'js';
    build.onResolve({ filter: /^psychkit-vendor$/ }, () => ({ path: `./vendor/index.${format}`, external: true }));
    build.onResolve({ filter: /^[^./]/ }, ({ path, importer }) => {
      if (vendorExports.has(path)) return { path, namespace: 'psychkit-vendor' };
      return { errors: [{ text: `${importer} imports '${path}', which is neither in build/vendor.js nor a peer dependency: psychkit's core has no run-time dependencies and no Node built-ins (see tsup.config.ts)` }] };
    });
    build.onLoad({ filter: /.*/, namespace: 'psychkit-vendor' }, ({ path }) => ({
      contents: (vendorExports.get(path) ?? [])
        .map(([imported, exported]) => `export { ${exported}${imported === 'default' ? ' as default' : ''} } from 'psychkit-vendor';`)
        .join('\n'),
      loader: 'js',
    }));
  },
};

export default defineConfig([
  {
    // ESM + CJS library builds with .d.ts / .d.cts declarations. Self-contained: no bare imports,
    // no Node built-ins, so dist/index.js also loads in Deno and browsers as is. Whitespace
    // dropped, names kept. No source maps: a map would point at src/*.ts, which is not in the
    // package (see docs/performance.md, "What npm installs").
    // psychkit/worker (worker.js) and the script its workers load (worker-thread.js, beside it).
    entry: { index: 'src/index.ts', testing: 'src/testing/index.ts', worker: 'src/worker/index.ts', 'worker-thread': 'src/worker/thread.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: false,
    clean: true,
    target: 'es2022',
    platform: 'neutral',
    treeshake: true,
    // CJS too, as ESM always is: index.cjs and testing.cjs share one chunk (the random stream,
    // the distributions, the error type) instead of each carrying its own copy.
    splitting: true,
    external: ['fast-check'],
    esbuildPlugins: [fromVendor],
    metafile: true,
    banner,
    esbuildOptions(options) {
      options.legalComments = 'none';
      // Both copies drop their whitespace, simplify syntax and shorten local names; function and
      // class names are kept (keepNames), so stack traces read and a debugger's pretty-printer
      // restores the layout: two full copies no longer fit the install budget otherwise
      // (docs/performance.md, "What npm installs").
      options.minifyWhitespace = true;
      options.minifySyntax = true;
      options.minifyIdentifiers = true;
      options.keepNames = true;
      // Lines of at most ~500 characters: Node prints the source line of an uncaught error, and
      // one 60 kB line filled the terminal.
      options.lineLimit = 500;
    },
  },
  {
    // dist/vendor/index.js and index.cjs: the bundled third-party functions (build/vendor.js),
    // minified, for the library builds above.
    entry: { index: 'build/vendor.js' },
    outDir: 'dist/vendor',
    format: ['esm', 'cjs'],
    minify: true,
    sourcemap: false,
    target: 'es2022',
    platform: 'neutral',
    noExternal: BUNDLED,
    esbuildPlugins: [debugStub],
    metafile: true,
    banner,
    esbuildOptions(options) {
      options.legalComments = 'none';
      options.lineLimit = 500;
    },
  },
  {
    // One UMD file, every dependency bundled: AMD (d3-require, so `require("psychkit")` in an
    // Observable notebook), CommonJS, and `window.psychkit` from a classic <script>. esbuild has no
    // UMD format, so its IIFE (`var psychkit = (() => …)()`) is wrapped in the UMD factory here.
    entry: { psychkit: 'src/index.ts' },
    format: ['iife'],
    globalName: 'psychkit',
    minify: true,
    sourcemap: false,
    target: 'es2020',
    platform: 'browser',
    outExtension: () => ({ js: '.umd.js' }),
    esbuildPlugins: [debugStub],
    metafile: true,
    banner: {
      js: `${banner.js}\n(function(root,factory){if(typeof define==="function"&&define.amd)define([],factory);else if(typeof module==="object"&&module.exports)module.exports=factory();else root.psychkit=factory();})(typeof globalThis!=="undefined"?globalThis:typeof self!=="undefined"?self:this,function(){`,
    },
    footer: { js: 'return psychkit;});' },
    esbuildOptions(options) {
      options.legalComments = 'none';
    },
  },
  {
    // The same as one minified file for <script type="module"> or import() from a URL; see
    // docs/runtimes.md. No source map here or for the UMD build: one that helps must embed every
    // source (2.4 MB for this 331 kB file); to debug in a browser, load dist/index.js, the same
    // code with its names (pretty-printed by the debugger).
    entry: { psychkit: 'src/index.ts' },
    outDir: 'dist/browser',
    format: ['esm'],
    minify: true,
    sourcemap: false,
    target: 'es2020',
    platform: 'browser',
    noExternal: [/.*/],
    outExtension: () => ({ js: '.js' }),
    esbuildPlugins: [debugStub],
    metafile: true,
    banner,
    esbuildOptions(options) {
      options.legalComments = 'none';
    },
  },
]);
