// The code blocks of README.md and docs/*.md, classified by their info string (the convention is
// written down for readers in docs/index.md, "Code in these docs"):
//
//   ```js / ```ts             a complete program: run by test/docs/doc-tests.test.ts
//   ```output                 what the program before it prints, compared exactly
//   ```ts fragment            part of a program (a call, an options object): not run
//   ```sh ```html ```r ```spss ```text   shell commands, markup, R/SPSS syntax, diagrams: not run
//
// Any other info string, or none, is an error: every block says what it is.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export type BlockKind = 'program' | 'output' | 'fragment' | 'other';

export interface CodeBlock {
  /** Path relative to the repository root, e.g. `docs/mediation.md`. */
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** 1-based line of the closing fence (the end of the file for an unclosed fence). */
  readonly endLine: number;
  /** The info string after the fence, trimmed. */
  readonly info: string;
  /** `js` or `ts` for programs and fragments. */
  readonly language: string;
  readonly kind: BlockKind | 'unmarked';
  readonly code: string;
}

/** Info strings of blocks that are shown, never run. */
export const NOT_RUN = ['sh', 'html', 'r', 'spss', 'text'] as const;

function classify(info: string): { kind: BlockKind | 'unmarked'; language: string } {
  const words = info.split(/\s+/).filter((w) => w !== '');
  const [language = '', ...flags] = words;
  if ((language === 'js' || language === 'ts') && flags.length === 0) return { kind: 'program', language };
  if ((language === 'js' || language === 'ts') && flags.length === 1 && flags[0] === 'fragment') return { kind: 'fragment', language };
  if (language === 'output' && flags.length === 0) return { kind: 'output', language };
  if ((NOT_RUN as readonly string[]).includes(language) && flags.length === 0) return { kind: 'other', language };
  return { kind: 'unmarked', language };
}

/** The fenced code blocks of a Markdown file (fences of three or more backticks or tildes). */
export function codeBlocks(file: string, text = readFileSync(join(root, file), 'utf8')): CodeBlock[] {
  const lines = text.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(lines[i]!);
    if (open === null) continue;
    const [, indent, fence, rest] = open as unknown as [string, string, string, string];
    const info = rest.trim();
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(lines[j]!);
      if (close !== null && close[1]![0] === fence[0] && close[1]!.length >= fence.length) break;
      // Content indented like the opening fence loses that indentation (CommonMark).
      body.push(lines[j]!.startsWith(indent) ? lines[j]!.slice(indent.length) : lines[j]!.trimStart());
    }
    blocks.push({ file, line: i + 1, endLine: Math.min(j, lines.length - 1) + 1, info, ...classify(info), code: body.join('\n') + (body.length > 0 ? '\n' : '') });
    i = j;
  }
  return blocks;
}

/** README.md and every Markdown file directly in docs/, relative to the root. */
export function documentationFiles(): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...docs];
}

/** A program and the output block that follows it (the next block, if it is one). */
export interface Example {
  readonly program: CodeBlock;
  readonly output: CodeBlock | null;
}

/** Programs with their output blocks; problems (unmarked blocks, output without a program) as messages naming file and line. */
export function examples(blocks: readonly CodeBlock[]): { examples: Example[]; problems: string[] } {
  const out: Example[] = [];
  const problems: string[] = [];
  blocks.forEach((block, i) => {
    const where = `${block.file}:${block.line}`;
    if (block.kind === 'unmarked') {
      problems.push(
        `${where}: a code block with info string ${JSON.stringify(block.info)} is neither run nor marked. ` +
          'Use ```js or ```ts for a complete program (run by the doc tests), ```output for what it prints, ' +
          `\`\`\`ts fragment for a part of a program, or one of ${NOT_RUN.map((l) => '```' + l).join(', ')} for blocks that are only shown.`,
      );
    }
    if (block.kind === 'output' && blocks[i - 1]?.kind !== 'program') {
      problems.push(`${where}: an output block must follow a program (a \`\`\`js or \`\`\`ts block).`);
    }
    if (block.kind === 'program') {
      const next = blocks[i + 1];
      out.push({ program: block, output: next?.kind === 'output' ? next : null });
    }
  });
  return { examples: out, problems };
}

/** Trailing whitespace of every line and trailing blank lines do not count. */
export function normalizeOutput(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/\s+$/, ''))
    .join('\n')
    .replace(/\n+$/, '');
}
