/**
 * The repository stands alone: no file points outside it (the project's working folder next to the
 * clone, a relative path up into a `shared/` folder, which a person who clones the repository does not
 * have; the repository's own `shared/` is imported as `#shared/…`, package.json's subpath import), and every pointer
 * into `docs/` — a path in a comment, a Markdown link, a section anchor — names a page and a heading
 * that exist. Anchors are GitHub's, computed with github-slugger as GitHub renders them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const THIS_FILE = relative(ROOT, fileURLToPath(import.meta.url))
  .split(sep)
  .join('/');

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'cdk.out', '.data', 'dist', 'test-results', 'playwright-report']);
const TEXT_EXTENSIONS = new Set([
  '.ts',
  '.md',
  '.json',
  '.js',
  '.mjs',
  '.cjs',
  '.yml',
  '.yaml',
  '.html',
  '.css',
  '.txt',
]);
const SKIPPED_FILES = new Set(['package-lock.json']);

/** Names that only exist in the working folder outside the repository. */
const OUTSIDE_NAMES: readonly { pattern: RegExp; what: string }[] = [
  { pattern: /\bDESIGN(?:\.md|\s*§|\s+principle)/, what: 'the outside design notes (use docs/design.md)' },
  { pattern: /\bSTYLE\.md\b/, what: 'the outside style notes' },
  { pattern: /legal-rules(?:-wave2)?(?:\.md)?/, what: 'the outside legal notes (use docs/legal-basis.md)' },
  { pattern: /000_48be5f50cec231b7/, what: 'the outside copy of the work report (use docs/office.md)' },
  { pattern: /\bshared\/notes\//, what: 'the outside notes (use docs/local-engines.md)' },
  { pattern: /\/work\//, what: 'a path of the machine the project was written on' },
];

interface Problem {
  file: string;
  line: number;
  message: string;
}

function repositoryFiles(dir = ROOT): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) files.push(...repositoryFiles(join(dir, entry.name)));
    } else if (TEXT_EXTENSIONS.has(extname(entry.name)) && !SKIPPED_FILES.has(entry.name)) {
      files.push(relative(ROOT, join(dir, entry.name)).split(sep).join('/'));
    }
  }
  return files;
}

/** GitHub's anchors of a Markdown page: one per heading (outside code fences), plus explicit ids. */
function anchorsOf(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const text = heading[1]!
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/`([^`]*)`/g, '$1')
        .replace(/<[^>]+>/g, '');
      anchors.add(slugger.slug(text));
    }
    for (const id of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(id[1]!);
  }
  return anchors;
}

/** A relative path up into a `shared/` folder (`..` then `shared`): the outside notes' folder, or our own written the long way. */
const UP_INTO_SHARED = /((?:\.\.\/)+)shared\//g;

/** Every problem in one file's text; `readPage` gives a docs page's text (undefined when absent). */
function problemsIn(file: string, text: string, readPage: (repoPath: string) => string | undefined): Problem[] {
  const problems: Problem[] = [];
  const lines = text.split('\n');
  const checkTarget = (line: number, page: string, anchor: string | undefined, written: string) => {
    const content = readPage(page);
    if (content === undefined) {
      problems.push({ file, line, message: `${written}: ${page} does not exist` });
      return;
    }
    if (anchor !== undefined && page.endsWith('.md') && !anchorsOf(content).has(decodeURIComponent(anchor))) {
      problems.push({ file, line, message: `${written}: ${page} has no section #${anchor}` });
    }
  };

  lines.forEach((content, index) => {
    const line = index + 1;
    for (const { pattern, what } of OUTSIDE_NAMES) {
      if (pattern.test(content)) problems.push({ file, line, message: `refers to ${what}: ${content.trim()}` });
    }
    for (const match of content.matchAll(UP_INTO_SHARED)) {
      const own = resolve(ROOT, dirname(file), match[1]!, 'shared') === join(ROOT, 'shared');
      problems.push({
        file,
        line,
        message: own
          ? `imports the repository's shared/ as ${match[0]}: write #shared/… (package.json "imports")`
          : `refers to ${match[0]}, which is not in this repository`,
      });
    }
    // A docs page named from anywhere by its path from the repository root (comments, strings, prose).
    for (const match of content.matchAll(/(?<![\w./-])docs\/([\w./-]*\.md)(?:#([^\s)`'",;]+))?/g)) {
      const anchor = match[2]?.replace(/[.:]+$/, '');
      checkTarget(line, `docs/${match[1]}`, anchor, match[0]);
    }
  });

  // Markdown links, resolved from the linking page (`[x](design.md#y)`, `[x](#y)`, `[x](docs/a.md)`).
  if (file.endsWith('.md')) {
    const withoutFences = text.replace(/^\s*(```|~~~)[\s\S]*?^\s*\1/gm, (block) => block.replace(/[^\n]/g, ' '));
    for (const match of withoutFences.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      const line = withoutFences.slice(0, match.index).split('\n').length;
      const [pathPart, anchor] = target.split('#', 2) as [string, string | undefined];
      const page =
        pathPart === ''
          ? file
          : relative(ROOT, resolve(ROOT, dirname(file), pathPart))
              .split(sep)
              .join('/');
      if (page.startsWith('..')) {
        problems.push({ file, line, message: `link ${target} leaves the repository` });
        continue;
      }
      checkTarget(line, page, anchor, `link ${target}`);
    }
  }
  return problems;
}

function readRepositoryPage(repoPath: string): string | undefined {
  const full = join(ROOT, repoPath);
  if (!existsSync(full)) return undefined;
  return repoPath.endsWith('/') || !extname(repoPath) ? '' : readFileSync(full, 'utf8');
}

describe('the checker', () => {
  const pages: Record<string, string> = {
    'docs/design.md': '# Design\n\n## Principles\n\n### 4. History is a hash chain\n\n```\n# not a heading\n```\n',
    'docs/office.md': '# The office\n\n## Volumes in 2023\n\n## Teams (팀)\n',
  };
  const read = (p: string) => pages[p];

  it('accepts pointers to pages and headings that exist', () => {
    const code = [
      '/** (docs/design.md#4-history-is-a-hash-chain). See docs/office.md#volumes-in-2023. */',
      "import { x } from '#shared/domain/case.ts';",
    ].join('\n');
    expect(problemsIn('shared/domain/history.ts', code, read)).toEqual([]);
    expect(problemsIn('docs/design.md', '[v](office.md#teams-팀) [p](#principles)', read)).toEqual([]);
  });

  it('names the file and line of a missing page, a missing anchor and a heading only inside a code fence', () => {
    const code = [
      '// docs/legal-basis.md#grievances',
      '// docs/design.md#5-rules',
      '// docs/design.md#not-a-heading',
    ].join('\n');
    expect(problemsIn('shared/x.ts', code, read).map((p) => [p.line, p.message])).toEqual([
      [1, 'docs/legal-basis.md#grievances: docs/legal-basis.md does not exist'],
      [2, 'docs/design.md#5-rules: docs/design.md has no section #5-rules'],
      [3, 'docs/design.md#not-a-heading: docs/design.md has no section #not-a-heading'],
    ]);
    expect(problemsIn('docs/office.md', 'see [d](design.md#nope)', read)).toHaveLength(1);
  });

  // The examples are put together from parts so that this file itself does not contain what it forbids.
  const up = (levels: number) => `${'../'.repeat(levels)}${'shared'}/`;
  it('flags paths up into a shared/ folder: the outside notes, and our own shared/ not written as #shared/', () => {
    expect(problemsIn('README.md', `Design notes live in \`${up(1)}DESIGN.md\`.`, read).length).toBeGreaterThan(0);
    expect(problemsIn('infra/ops/year-generator.ts', ` * (${up(1)}domain/report.txt)`, read)).toHaveLength(1);
    expect(problemsIn('shared/policies/a.ts', ' * from legal-rules.md §4', read)).toHaveLength(1);
    expect(problemsIn('shared/a.ts', ' * see DESIGN §3.7', read)).toHaveLength(1);
    const ownTheLongWay = problemsIn('infra/local/a/b.ts', `import { r } from '${up(3)}domain/roles.ts';`, read);
    expect(ownTheLongWay.map((p) => p.message)).toEqual([
      `imports the repository's shared/ as ${up(3)}: write #shared/… (package.json "imports")`,
    ]);
    expect(problemsIn('infra/local/a/b.ts', "import { r } from '#shared/domain/roles.ts';", read)).toEqual([]);
  });
});

describe('the repository', () => {
  const files = repositoryFiles().filter((f) => f !== THIS_FILE);

  it('has the documentation pages the code cites', () => {
    for (const page of ['README.md', 'design.md', 'legal-basis.md', 'office.md', 'local-engines.md']) {
      expect(existsSync(join(ROOT, 'docs', page)), `docs/${page}`).toBe(true);
    }
  });

  it('points nowhere outside itself, and only to docs pages and sections that exist', () => {
    expect(files.length).toBeGreaterThan(100);
    const problems = files.flatMap((file) =>
      problemsIn(file, readFileSync(join(ROOT, file), 'utf8'), readRepositoryPage),
    );
    expect(problems.map((p) => `${p.file}:${p.line} ${p.message}`)).toEqual([]);
  });
});
