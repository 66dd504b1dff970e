// The install steps of the plugins' READMEs, read from the READMEs themselves so the guide and
// this test cannot drift apart. A step is a fenced code block right after a marker comment:
//
//   <!-- adoption: ACTION [FILE] [key='value' ...] -->
//
// ACTION  run     run each line of the block (yarn commands) in the app's root
//         start   start each line of the block as a long-running process
//         create  write the block as a new file FILE
//         append  add the block at the end of FILE (creating it)
//         insert  put the block into FILE: at='imports' (after the last import), or
//                 before='…' / after='…' a text, searched from in='…' when given (else the
//                 text must occur once); the block takes the indentation of that line
//         replace replace old='…' (must occur once) in FILE by the block
// apps='new legacy' applies the step to the app's package and to the legacy template's
// (packages/app → packages/app-legacy); apps='legacy' to the legacy one only. Texts match
// with any whitespace where they have some. Values are quoted with ' or ".
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { LEGACY_APP_DIR } from './createApp.mjs';

const MARKER = /^<!--\s*adoption:\s*(.*?)\s*-->\s*$/;
const ACTIONS = ['run', 'start', 'create', 'append', 'insert', 'replace'];

/** The steps of one README, in order. */
export function readSteps(readmePath, root) {
  const lines = readFileSync(readmePath, 'utf8').split('\n');
  const source = relative(root, readmePath);
  const steps = [];
  lines.forEach((line, index) => {
    const marker = MARKER.exec(line);
    if (!marker) return;
    const where = `${source}:${index + 1}`;
    const step = { where, ...parseMarker(marker[1], where) };
    let i = index + 1;
    while (i < lines.length && lines[i].trim() === '') i++;
    const fence = /^(```+)\s*(\w*)/.exec(lines[i] ?? '');
    if (!fence)
      throw new Error(`${where}: the marker is not followed by a code block`);
    const end = lines.findIndex((l, j) => j > i && l.startsWith(fence[1]));
    if (end < 0) throw new Error(`${where}: its code block is not closed`);
    step.code = lines.slice(i + 1, end).join('\n');
    if (!step.code.trim()) throw new Error(`${where}: its code block is empty`);
    steps.push(step);
  });
  return steps;
}

function parseMarker(text, where) {
  const [action, ...rest] = text.split(/\s+/);
  if (!ACTIONS.includes(action))
    throw new Error(`${where}: unknown action '${action}'`);
  const attributes = {};
  const pattern = /(\w+)=(?:'([^']*)'|"([^"]*)")|(\S+)/g;
  let file;
  for (const m of rest.join(' ').matchAll(pattern)) {
    if (m[4] && !file) file = m[4];
    else if (m[1]) attributes[m[1]] = m[2] ?? m[3];
    else throw new Error(`${where}: cannot read '${m[0]}'`);
  }
  if (!['run', 'start'].includes(action) && !file)
    throw new Error(`${where}: ${action} needs a file`);
  const apps = (attributes.apps ?? '').split(/\s+/).filter(Boolean);
  return { action, file, attributes, apps };
}

/** The steps for each app package: shared steps once, app steps per app listed in `apps`. */
export function expandForApps(steps) {
  return steps.flatMap(step => {
    if (step.apps.length === 0) return [step];
    return step.apps.map(app =>
      app === 'legacy' ? toLegacy(step) : { ...step, app },
    );
  });
}

function toLegacy(step) {
  const swap = text =>
    text?.replace(/packages\/app(?=[/\s]|$)/g, LEGACY_APP_DIR);
  return {
    ...step,
    app: 'legacy',
    file: swap(step.file),
    code: step.action === 'run' ? swap(step.code) : step.code,
  };
}

/** The block's commands: one per line, comments and blank lines left out. */
export function commandLines(step) {
  return step.code
    .split('\n')
    .map(l => l.trim())
    .filter(l => l && !l.startsWith('#'));
}

/** Applies a file step (create, append, insert, replace) inside `appDir`. */
export function applyFileStep(step, appDir) {
  const path = join(appDir, step.file);
  const fail = why => {
    throw new Error(
      `${step.where}: ${step.action} into ${step.file}: ${why}. The README's step no longer fits a freshly created app.`,
    );
  };
  if (step.action === 'create') {
    if (existsSync(path)) fail('the file exists already');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${step.code}\n`);
    return;
  }
  if (step.action === 'append') {
    const before = existsSync(path) ? readFileSync(path, 'utf8') : '';
    const joint = before && !before.endsWith('\n') ? '\n' : '';
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${before}${joint}${step.code}\n`);
    return;
  }
  if (!existsSync(path)) fail('the file does not exist');
  const text = readFileSync(path, 'utf8');
  writeFileSync(path, edit(text, step, fail));
}

function edit(text, step, fail) {
  const { at, before, after, old } = step.attributes;
  if (step.action === 'replace') {
    const match = findOnce(text, old, fail);
    const start = lineStart(text, match.index);
    const indent = text.slice(start, match.index);
    const code = indentBlock(step.code, indent).slice(indent.length);
    return text.slice(0, match.index) + code + text.slice(match.end);
  }
  if (at === 'imports') {
    const imports = [
      ...text.matchAll(/^import[\s\S]*?from\s+['"][^'"]+['"];?[ \t]*$/gm),
    ];
    if (imports.length === 0) fail('it has no import statement');
    const last = imports[imports.length - 1];
    const end = last.index + last[0].length;
    return `${text.slice(0, end)}\n${step.code}${text.slice(end)}`;
  }
  const anchor = before ?? after;
  if (!anchor) fail("it says neither at='imports', before='…' nor after='…'");
  const from =
    step.attributes.in === undefined ? 0 : text.indexOf(step.attributes.in);
  if (from < 0) fail(`'${step.attributes.in}' is not in it`);
  const match =
    step.attributes.in === undefined
      ? findOnce(text, anchor, fail)
      : findFirst(text, anchor, from, fail);
  const start = lineStart(text, match.index);
  const indent = /^[ \t]*/.exec(text.slice(start))[0];
  const block = `${indentBlock(step.code, indent)}\n`;
  if (before !== undefined)
    return text.slice(0, start) + block + text.slice(start);
  const lineEnd = text.indexOf('\n', match.end);
  const cut = lineEnd < 0 ? text.length : lineEnd + 1;
  return text.slice(0, cut) + block + text.slice(cut);
}

function flexible(snippet) {
  const escaped = snippet
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s*');
  return new RegExp(escaped, 'g');
}

function findFirst(text, snippet, from, fail) {
  const pattern = flexible(snippet);
  pattern.lastIndex = from;
  const m = pattern.exec(text);
  if (!m) fail(`'${snippet}' is not in it`);
  return { index: m.index, end: m.index + m[0].length };
}

function findOnce(text, snippet, fail) {
  const all = [...text.matchAll(flexible(snippet))];
  if (all.length !== 1)
    fail(`'${snippet}' occurs ${all.length} times in it, not once`);
  return { index: all[0].index, end: all[0].index + all[0][0].length };
}

function lineStart(text, index) {
  return text.lastIndexOf('\n', index - 1) + 1;
}

function indentBlock(code, indent) {
  const lines = code.split('\n');
  const common = Math.min(
    ...lines.filter(l => l.trim()).map(l => /^ */.exec(l)[0].length),
  );
  return lines.map(l => (l.trim() ? indent + l.slice(common) : '')).join('\n');
}
