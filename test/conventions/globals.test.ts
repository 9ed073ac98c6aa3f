// docs/conventions.md, "Names": no export is named like a global of Node, browsers, Deno, a test
// runner or an Observable notebook, so `import { … } from 'psychkit'` never shadows one.
import { describe, expect, it } from 'vitest';
import * as psychkit from '../../src/index.js';
import * as testing from '../../src/testing/index.js';

// Globals of a browser window and worker (besides the ECMAScript ones Node also has).
const BROWSER = [
  'window', 'self', 'document', 'name', 'status', 'length', 'event', 'print', 'open', 'close', 'closed', 'stop', 'find', 'focus',
  'blur', 'alert', 'confirm', 'prompt', 'fetch', 'screen', 'history', 'location', 'navigator', 'origin', 'top', 'parent', 'frames',
  'opener', 'external', 'menubar', 'toolbar', 'scroll', 'scrollTo', 'scrollBy', 'postMessage', 'moveTo', 'resizeTo', 'getComputedStyle',
  'matchMedia', 'performance', 'crypto', 'caches', 'indexedDB', 'localStorage', 'sessionStorage', 'customElements', 'visualViewport',
  'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'createImageBitmap', 'reportError', 'scheduler', 'trustedTypes',
  'Image', 'Option', 'Audio', 'Text', 'Range', 'Node', 'Element', 'Event', 'Blob', 'File', 'URL', 'Worker', 'Notification',
];
const NODE = ['process', 'global', 'Buffer', 'require', 'module', 'exports', '__dirname', '__filename', 'console', 'setImmediate'];
const DENO = ['Deno'];
const TEST_RUNNERS = ['describe', 'it', 'test', 'expect', 'suite', 'bench', 'beforeAll', 'afterAll', 'beforeEach', 'afterEach', 'vi', 'jest', 'context', 'assert', 'chai', 'spec'];
// Observable notebooks' standard library names a cell can see without importing.
const OBSERVABLE = ['html', 'svg', 'md', 'tex', 'dot', 'mermaid', 'Plot', 'd3', 'Inputs', 'display', 'view', 'invalidation', 'visibility', 'width', 'now', 'FileAttachment', 'DOM', 'Files', 'Generators', 'Promises', 'Mutable', 'resize', 'htl', 'aq', 'Arrow', 'DuckDBClient', 'SQLite', 'vl', '_'];

function exportNames(): string[] {
  const names = Object.keys(psychkit);
  for (const [ns, obj] of Object.entries(testing)) names.push(ns, ...Object.keys(obj as object));
  return names;
}

describe('exports and globals', () => {
  it('no export shadows a global of Node, browsers, Deno, test runners or Observable', () => {
    const globals = new Set([...Object.getOwnPropertyNames(globalThis), ...BROWSER, ...NODE, ...DENO, ...TEST_RUNNERS, ...OBSERVABLE]);
    expect(exportNames().filter((n) => globals.has(n))).toEqual([]);
  });
  it('the renamed exports are gone (process → processModel, describe → descriptives)', () => {
    expect('process' in psychkit).toBe(false);
    expect('describe' in psychkit).toBe(false);
    expect(typeof psychkit.processModel).toBe('function');
    expect(typeof psychkit.descriptives).toBe('function');
  });
});
