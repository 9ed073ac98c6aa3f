// Doc tests: every ```js / ```ts block of README.md and docs/*.md is a complete program. Each is
// written to test/docs/.run/ with its `'psychkit'` import pointed at src/index.ts (the only change),
// imported in this worker (vitest compiles it), and what it prints (console.log, console.info,
// process.stdout.write) must equal the ```output block after it, up to trailing whitespace. A
// program that prints must have an output block; one whose output depends on Math.random (which
// psychkit calls to draw a seed that was not given) fails. The TypeScript programs must also
// typecheck with `strict` against psychkit's types.
//
// Programs run from the repository root, so `readFileSync('examples/...')` finds the data.
// After an intended change of output, `PSYCHKIT_DOCS_UPDATE=1 npx vitest run test/docs` writes
// the new outputs into the Markdown files; read the diff before committing it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import ts from 'typescript';
import { codeBlocks, documentationFiles, examples, normalizeOutput, root, type CodeBlock, type Example } from './blocks.js';

const update = process.env.PSYCHKIT_DOCS_UPDATE === '1';
const runDir = join(root, 'test', 'docs', '.run');
const entry = { psychkit: join(root, 'src', 'index.ts'), 'psychkit/testing': join(root, 'src', 'testing', 'index.ts') };

const files = documentationFiles();
const parsed = files.map((file) => ({ file, blocks: codeBlocks(file) }));

/** The program with its psychkit imports pointed at the source (static and dynamic imports). */
function forSource(code: string): string {
  return code.replace(/(\bfrom\s*|\bimport\s*\(\s*)(['"])(psychkit(?:\/testing)?)\2/g, (_, before: string, quote: string, name: keyof typeof entry) => `${before}${quote}${entry[name]}${quote}`);
}

function moduleName(block: CodeBlock): string {
  return `${block.file.replace(/\.md$/, '').replace(/[^A-Za-z0-9]+/g, '-')}-${block.line}`;
}

/** A reproducible stand-in for Math.random (an LCG), so that a program's unseeded draws can be detected. */
function lcg(seed: number): { random: () => number; calls: () => number } {
  let state = seed;
  let calls = 0;
  return {
    random: () => {
      calls++;
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state / 2 ** 32;
    },
    calls: () => calls,
  };
}

/** Runs one program in this worker and returns what it printed and whether it called Math.random. */
async function runOnce(block: CodeBlock, suffix: string, seed: number): Promise<{ stdout: string; stderr: string; random: boolean }> {
  const path = join(runDir, `${moduleName(block)}${suffix}.${block.language === 'ts' ? 'ts' : 'mjs'}`);
  writeFileSync(path, forSource(block.code));
  const stdout: string[] = [];
  const stderr: string[] = [];
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, write: process.stdout.write, random: Math.random };
  const random = lcg(seed);
  console.log = console.info = (...args: unknown[]) => void stdout.push(format(...args) + '\n');
  console.warn = console.error = (...args: unknown[]) => void stderr.push(format(...args) + '\n');
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  }) as typeof process.stdout.write;
  Math.random = random.random;
  try {
    await import(pathToFileURL(path).href);
  } catch (error) {
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    throw new Error(
      `${block.file}:${block.line}: the program threw (line L of the program is line ${block.line} + L of ${block.file}):\n${text}` +
        (stdout.length > 0 ? `\n--- it had printed:\n${stdout.join('')}` : ''),
    );
  } finally {
    console.log = saved.log;
    console.info = saved.info;
    console.warn = saved.warn;
    console.error = saved.error;
    process.stdout.write = saved.write;
    Math.random = saved.random;
  }
  return { stdout: stdout.join(''), stderr: stderr.join(''), random: random.calls() > 0 };
}

/**
 * Runs a program; one that calls Math.random (psychkit does so only to draw a seed that was not
 * given) runs a second time with other draws, and must print the same.
 */
async function run(block: CodeBlock): Promise<{ stdout: string; stderr: string }> {
  const first = await runOnce(block, '', 1);
  if (first.random) {
    const second = await runOnce(block, '-rerun', 2);
    if (second.stdout !== first.stdout) {
      throw new Error(
        `${block.file}:${block.line}: what the program prints depends on Math.random(): psychkit draws a fresh seed when none is given. Pass \`seed\` so that the output is reproducible.`,
      );
    }
  }
  return first;
}

beforeAll(() => {
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
});

describe('code blocks are runnable or marked', () => {
  it.each(files)('%s', (file) => {
    const { problems } = examples(parsed.find((p) => p.file === file)!.blocks);
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

/** Actual outputs, for PSYCHKIT_DOCS_UPDATE=1. */
const actual = new Map<string, Map<Example, string>>();

for (const { file, blocks } of parsed) {
  const list = examples(blocks).examples;
  if (list.length === 0) continue;
  describe(file, () => {
    for (const example of list) {
      const { program, output } = example;
      it(`program at line ${program.line}`, async () => {
        const { stdout, stderr } = await run(program);
        if (!actual.has(file)) actual.set(file, new Map());
        actual.get(file)!.set(example, stdout);
        if (update) return;
        const where = `${file}:${program.line}`;
        expect(stderr, `${where}: the program wrote to stderr`).toBe('');
        if (output === null) {
          expect(normalizeOutput(stdout), `${where}: the program prints, so an \`\`\`output block with what it prints must follow it`).toBe('');
        } else {
          expect(normalizeOutput(stdout), `${where}: what the program prints differs from the output block at ${file}:${output.line}`).toBe(normalizeOutput(output.code));
        }
      });
    }
    if (update) {
      afterAll(() => writeOutputs(file, actual.get(file) ?? new Map()));
    }
  });
}

/** Rewrites the output blocks of one file with what its programs printed (PSYCHKIT_DOCS_UPDATE=1). */
function writeOutputs(file: string, outputs: Map<Example, string>): void {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  // From the bottom up, so earlier line numbers stay valid.
  const edits = [...outputs].sort(([a], [b]) => b.program.line - a.program.line);
  for (const [{ program, output }, stdout] of edits) {
    const text = normalizeOutput(stdout);
    const fenced = text === '' ? [] : ['```output', ...text.split('\n'), '```'];
    if (output !== null) lines.splice(output.line - 1, output.endLine - output.line + 1, ...fenced);
    else if (fenced.length > 0) lines.splice(program.endLine, 0, '', ...fenced);
  }
  writeFileSync(join(root, file), lines.join('\n'));
}

describe('the examples read the same data as the tests', () => {
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  it('peer workers and Holzinger–Swineford are the fixtures byte for byte', () => {
    expect(read('examples/peer-workers/peer-workers.csv')).toBe(read('test/fixtures/peer-workers.csv'));
    expect(read('examples/data/holzinger-swineford.csv')).toBe(read('test/fixtures/holzinger-swineford.csv'));
    expect(read('examples/data/holzinger-swineford-1939.csv')).toBe(read('test/fixtures/holzinger-swineford-1939.csv'));
  });
  it('Harman74 is the fixture as { columns, n, correlation }', () => {
    const fixture = JSON.parse(read('test/fixtures/harman74.json'));
    const example = JSON.parse(read('examples/data/harman74.json'));
    expect(example).toEqual({ columns: fixture.variables, n: fixture.n, correlation: fixture.correlation });
  });
});

describe('the worked example of docs/testing.md is the test that runs it', () => {
  it('test/testing/docs-example.test.ts starts with the block, its imports pointed at the source', () => {
    const block = codeBlocks('docs/testing.md').find((b) => b.code.includes("from 'vitest'"));
    expect(block?.kind, 'docs/testing.md: the worked example (a vitest file) is a ```ts fragment').toBe('fragment');
    const test = readFileSync(join(root, 'test', 'testing', 'docs-example.test.ts'), 'utf8')
      .replace(/^(\/\/.*\n)+/, '')
      .replace("from '../../src/testing/index.js';", "from 'psychkit/testing';")
      .replace("import { alphaStandardError } from './moments.js';\n", '');
    const body = block!.code.replace(/\n$/, '').split('\n').slice(0, -2).join('\n'); // without the final `  });\n});`
    expect(test.startsWith(body), `${block!.file}:${block!.line} and test/testing/docs-example.test.ts differ: keep them in sync`).toBe(true);
  });
});

describe('TypeScript programs typecheck (strict) against psychkit', () => {
  it('has no type errors', () => {
    const programs = parsed.flatMap((p) => examples(p.blocks).examples.map((e) => e.program));
    const checkDir = join(runDir, 'typecheck');
    mkdirSync(checkDir, { recursive: true });
    const sources = new Map<string, CodeBlock>();
    for (const block of programs) {
      const path = join(checkDir, `${moduleName(block)}.${block.language === 'ts' ? 'ts' : 'mjs'}`);
      writeFileSync(path, block.code);
      sources.set(path, block);
    }
    const program = ts.createProgram([...sources.keys()], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: ['node'],
      typeRoots: [join(root, 'node_modules', '@types')],
      strict: true,
      allowJs: true,
      checkJs: true,
      noEmit: true,
      skipLibCheck: true,
      baseUrl: root,
      paths: { psychkit: ['src/index.ts'], 'psychkit/testing': ['src/testing/index.ts'] },
    });
    const problems: string[] = [];
    for (const [path, block] of sources) {
      const sourceFile = program.getSourceFile(path)!;
      for (const d of [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)]) {
        const line = d.start === undefined ? 0 : sourceFile.getLineAndCharacterOfPosition(d.start).line + 1;
        problems.push(`${block.file}:${block.line + line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
