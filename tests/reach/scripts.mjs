// Every script we ship, checked against what Chromium 83 runs (docs/BROWSERS.md):
//
// - it parses as ECMAScript 2020 (acorn, `ecmaVersion: 2020`), as a module or a classic
//   script as the page loads it. That refuses top-level `await` (Chromium 89), `??=`,
//   `||=` and `&&=` (85), numeric separators (75, refused anyway), class fields and
//   private methods (72 to 84), static blocks (94), `#x in o` (91), the regexp `d` and `v`
//   flags (90, 112);
// - it names no built-in newer than Chromium 83 (the list below), unless the script tests
//   for it first with `typeof NAME` (as wasm-bindgen's glue does for
//   FinalizationRegistry);
// - it turns no text into code (`eval`, `Function`, a timer given something other than a
//   function): Chromium 83 to 96 run the app with 'unsafe-eval', which would allow it.
//
// The scripts: the build's index.html (the policy chooser and the loader), every .js file
// in the build (wasm-bindgen's glue, the service worker), and the single file's scripts.
// The exported HTML file must hold no script at all: checked on the renderer's fixture.
// One check per script; the run ends with `N passed, N failed`.
//
// Usage: node tests/reach/scripts.mjs [DIST] [SINGLE_FILE]

import { parse } from 'acorn';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = resolve(process.argv[2] ?? join(ROOT, 'dist'));
const SINGLE = resolve(process.argv[3] ?? join(ROOT, 'dist-single', 'jianbao.html'));
const EXPORTED = join(ROOT, 'tests', 'fixtures', 'render', 'sample-issue.html');

/** Global names newer than Chromium 83, with the version that brought each. */
const NEW_GLOBALS = new Map(Object.entries({
  structuredClone: 98,
  WeakRef: 84,
  FinalizationRegistry: 84,
  AggregateError: 85,
  CompressionStream: 103,
  DecompressionStream: 103,
}));

/** Method and property names newer than Chromium 83, on any object (a name is enough). */
const NEW_MEMBERS = new Map(Object.entries({
  at: 92, // Array, String and typed arrays
  replaceAll: 85,
  findLast: 97,
  findLastIndex: 97,
  hasOwn: 93, // Object.hasOwn
  any: 85, // Promise.any
  randomUUID: 92, // crypto.randomUUID
  toSorted: 110,
  toReversed: 110,
  toSpliced: 110,
  groupBy: 117,
  fromAsync: 121,
  showPicker: 99,
  replaceChildren: 86,
  timeout: 103, // AbortSignal.timeout
  canParse: 120, // URL.canParse
}));

/** The inline `<script>` elements of an HTML text: their type and text. */
function inlineScripts(html) {
  const found = [];
  const pattern = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
  for (const match of html.matchAll(pattern)) {
    if (/\bsrc=/.test(match[1])) continue;
    found.push({ module: /type="module"/.test(match[1]), text: match[2] });
  }
  return found;
}

/** Every node of an acorn tree, depth first. */
function* nodes(node) {
  if (!node || typeof node.type !== 'string') return;
  yield node;
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const child of value) yield* nodes(child);
    else if (value && typeof value.type === 'string') yield* nodes(value);
  }
}

/** What in `text` Chromium 83 cannot run; an empty list when nothing. */
function problems(text, module) {
  let tree;
  try {
    tree = parse(text, { ecmaVersion: 2020, sourceType: module ? 'module' : 'script', locations: true });
  } catch (error) {
    const line = text.split('\n')[(error.loc?.line ?? 1) - 1] ?? '';
    return [`not ECMAScript 2020: ${error.message}\n      ${line.trim().slice(0, 160)}`];
  }
  const guarded = new Set();
  for (const node of nodes(tree)) {
    if (node.type === 'UnaryExpression' && node.operator === 'typeof' && node.argument.type === 'Identifier') {
      guarded.add(node.argument.name);
    }
  }
  const found = [];
  for (const node of nodes(tree)) {
    if (node.type === 'Identifier' && NEW_GLOBALS.has(node.name) && !guarded.has(node.name)) {
      const version = NEW_GLOBALS.get(node.name);
      found.push(`${node.name} (Chromium ${version}) at line ${node.loc.start.line}, without a typeof test`);
    }
    // Chromium 83 to 96 run the app with 'unsafe-eval' (docs/BROWSERS.md): nothing of ours
    // may turn text into code.
    if ((node.type === 'CallExpression' || node.type === 'NewExpression') && node.callee.type === 'Identifier') {
      const callee = node.callee.name;
      const stringTimer = /^set(Timeout|Interval)$/.test(callee) && node.arguments[0]?.type !== 'ArrowFunctionExpression' && node.arguments[0]?.type !== 'FunctionExpression' && node.arguments[0]?.type !== 'Identifier';
      if (callee === 'eval' || callee === 'Function' || stringTimer) {
        found.push(`${callee}(…) at line ${node.loc.start.line}: code from text`);
      }
    }
    if (node.type === 'MemberExpression' && !node.computed && NEW_MEMBERS.has(node.property.name)) {
      const version = NEW_MEMBERS.get(node.property.name);
      found.push(`.${node.property.name} (Chromium ${version}) at line ${node.loc.start.line}`);
    }
  }
  return found;
}

function main() {
  let passed = 0;
  let failed = 0;
  const check = (name, list) => {
    if (list.length === 0) passed += 1;
    else failed += 1;
    console.log(`${list.length === 0 ? 'ok' : 'FAILED'}: ${name}${list.map((item) => `\n    ${item}`).join('')}`);
  };
  const needed = [join(DIST, 'index.html'), SINGLE, EXPORTED];
  const missing = needed.filter((path) => !existsSync(path));
  if (missing.length > 0) {
    check('the files to check are there', missing.map((path) => `${path} is missing (run \`cargo xtask dist\`)`));
  } else {
    const index = inlineScripts(readFileSync(join(DIST, 'index.html'), 'utf8'));
    check('index.html has the policy chooser and the loader', index.length === 2 ? [] : [`${index.length} inline scripts`]);
    index.forEach((script, n) => check(`index.html, inline script ${n + 1}`, problems(script.text, script.module)));
    for (const name of readdirSync(DIST).filter((file) => file.endsWith('.js')).sort()) {
      // The service worker is a classic script; the glue is a module.
      const module = name !== 'sw.js';
      check(`${name} (${module ? 'module' : 'classic script'})`, problems(readFileSync(join(DIST, name), 'utf8'), module));
    }
    const single = inlineScripts(readFileSync(SINGLE, 'utf8'));
    single.forEach((script, n) => check(`the single file, inline script ${n + 1}`, problems(script.text, script.module)));
    const exported = readFileSync(EXPORTED, 'utf8');
    check('the exported HTML file holds no script', /<script\b/i.test(exported) ? ['it has a <script>'] : []);
  }
  console.log(`scripts: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main();
