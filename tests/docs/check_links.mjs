// Fails when a relative link in the project's Markdown does not resolve: the
// file or folder must exist, and a #fragment must name a heading of the target
// Markdown file (GitHub's heading ids). External links are not fetched (CI has
// no network). A link into build/ is an error: a reader's fresh checkout has
// no build/, so images the docs show are committed (docs/images/).
// Also fails when a page in docs/ is not linked from README.md.
//   node tests/docs/check_links.mjs [ROOT]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '../..'));
const SKIP_DIRS = new Set(['.git', 'build', 'node_modules', 'data']);

function markdownFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) out.push(...markdownFiles(join(dir, entry.name)));
    } else if (entry.name.endsWith('.md')) {
      out.push(join(dir, entry.name));
    }
  }
  return out;
}

// The text outside fenced code blocks, line by line (code may hold '#' lines
// and bracketed text that are not headings or links).
function proseLines(text) {
  const lines = [];
  let fence = null;
  for (const line of text.split('\n')) {
    const m = line.match(/^\s*(```+|~~~+)/);
    if (m) {
      if (fence === null) fence = m[1][0];
      else if (m[1][0] === fence) fence = null;
      lines.push('');
      continue;
    }
    lines.push(fence === null ? line : '');
  }
  return lines;
}

// GitHub's heading ids: lower case, markup and punctuation dropped, spaces to
// hyphens, repeats numbered -1, -2, ...
function headingIds(file) {
  const ids = new Set();
  const seen = new Map();
  for (const line of proseLines(readFileSync(file, 'utf8'))) {
    const m = line.match(/^#{1,6}\s+(.*?)\s*#*\s*$/);
    if (!m) continue;
    const text = m[1].replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = text.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    ids.add(n === 0 ? base : `${base}-${n}`);
  }
  return ids;
}

// Inline links and images [text](target "title"), and reference definitions
// [label]: target. Inline code spans are removed first.
function linkTargets(line) {
  const prose = line.replace(/`+[^`]*`+/g, '');
  const targets = [];
  for (const m of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(m[1]);
  const def = prose.match(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+"[^"]*")?\s*$/);
  if (def) targets.push(def[1]);
  return targets;
}

const idsCache = new Map();
const idsOf = (file) => {
  if (!idsCache.has(file)) idsCache.set(file, headingIds(file));
  return idsCache.get(file);
};

const problems = [];
let checked = 0;
const files = markdownFiles(root);
for (const file of files) {
  const lines = proseLines(readFileSync(file, 'utf8'));
  lines.forEach((line, i) => {
    for (const target of linkTargets(line)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;  // https:, mailto:, ...
      const where = `${relative(root, file)}:${i + 1}`;
      const [pathPart, fragment] = target.split('#', 2);
      const path = decodeURIComponent(pathPart);
      const resolved = path === '' ? file : resolve(dirname(file), path);
      const inRepo = relative(root, resolved);
      if (inRepo.startsWith('..')) {
        problems.push(`${where}: ${target} points outside the repository`);
        continue;
      }
      if (inRepo === 'build' || inRepo.startsWith('build/')) {
        problems.push(`${where}: ${target} points into build/, which a fresh checkout does not have`);
        continue;
      }
      checked++;
      if (!existsSync(resolved)) {
        problems.push(`${where}: ${target}: no such file`);
        continue;
      }
      if (fragment !== undefined && resolved.endsWith('.md') && statSync(resolved).isFile() &&
          !idsOf(resolved).has(fragment.toLowerCase())) {
        problems.push(`${where}: ${target}: no heading with id #${fragment} in ${relative(root, resolved)}`);
      }
    }
  });
}

// Every page in docs/ is reachable from the README's Documentation table.
const readme = join(root, 'README.md');
if (existsSync(readme) && existsSync(join(root, 'docs'))) {
  const linked = new Set(proseLines(readFileSync(readme, 'utf8')).flatMap(linkTargets)
    .map((t) => resolve(root, decodeURIComponent(t.split('#')[0]))));
  for (const name of readdirSync(join(root, 'docs'))) {
    if (name.endsWith('.md') && !linked.has(join(root, 'docs', name))) {
      problems.push(`README.md: docs/${name} is not linked from the Documentation table`);
    }
  }
}

if (problems.length) {
  console.error(`${problems.length} problem(s) in the links of ${files.length} Markdown files:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`docs links: ${checked} relative links in ${files.length} Markdown files resolve`);
