// Our stylesheets against what Chromium 83 draws (docs/BROWSERS.md): every property,
// value, selector and at-rule newer than Chromium 83 must either
//
// - be guarded: sit inside an `@supports` rule (any condition: the rule is then written for
//   the browsers that pass it, and its fallback for the others), or
// - have a fallback: an earlier declaration in the same rule that old browsers use (for
//   `inset`, the four sides; for a new unit, the same property in an old one), or
// - be an enhancement: old browsers ignore the declaration and nothing the user needs is
//   lost (the table says why for each one).
//
// A selector that Chromium 83 does not know makes it drop the whole rule, so such a
// selector must stand alone in its rule and have a guarded fallback (`@supports not
// selector(...)`) in the same file. A flex container with `gap` needs a rule inside
// `@supports not (color: revert)` (the test that picks the browsers without flex gap; see
// app.css) that names it.
//
// One check per stylesheet; the run ends with `N passed, N failed`.
//
// Usage: node tests/reach/styles.mjs [FILE.css ...]   (defaults: style/*.css)

import postcss from 'postcss';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FLOOR = 83;

/**
 * Properties newer than the floor: the version, and either `fallback` (the properties an
 * earlier declaration in the same rule must set) or `enhancement` (why losing it is fine).
 */
const PROPERTIES = new Map([
  ['inset', { version: 87, fallback: ['top', 'left'] }],
  ['inset-block', { version: 87, fallback: ['top'] }],
  ['inset-inline', { version: 87, fallback: ['left'] }],
  ['aspect-ratio', { version: 88, fallback: ['height'] }],
  ['content-visibility', { version: 85, enhancement: 'only skips the layout of items out of view (speed)' }],
  ['contain-intrinsic-size', { version: 83, enhancement: 'goes with content-visibility' }],
  ['text-wrap', { version: 114, enhancement: 'titles wrap unbalanced' }],
  ['text-spacing-trim', { version: 123, enhancement: 'older browsers do not trim CJK punctuation at all' }],
  ['print-color-adjust', { version: 136, fallback: ['-webkit-print-color-adjust'] }],
  ['accent-color', { version: 93, enhancement: 'controls keep their default colour' }],
  ['overflow-clip-margin', { version: 90, enhancement: 'no clip margin' }],
  ['translate', { version: 104, fallback: ['transform'] }],
  ['rotate', { version: 104, fallback: ['transform'] }],
  ['scale', { version: 104, fallback: ['transform'] }],
  ['field-sizing', { version: 123, fallback: ['height', 'min-height'] }],
  ['text-autospace', { version: 140, enhancement: 'no automatic space between Han and Latin letters' }],
  ['appearance', { version: 84, fallback: ['-webkit-appearance'] }],
]);

/** Values (or parts of values) newer than the floor; each needs a fallback declaration. */
const VALUES = [
  { pattern: /\b\d*\.?\d+(dvh|svh|lvh|dvw|svw|lvw)\b/, name: 'dynamic viewport units', version: 108 },
  { pattern: /\b\d*\.?\d+(cqw|cqh|cqi|cqb|cqmin|cqmax)\b/, name: 'container query units', version: 105 },
  { pattern: /\bcolor-mix\(/, name: 'color-mix()', version: 111 },
  { pattern: /\b(round|mod|rem|abs|sign)\(/, name: 'CSS math functions', version: 125 },
  { pattern: /\blight-dark\(/, name: 'light-dark()', version: 123 },
  { pattern: /^clip$/, name: 'overflow: clip', version: 90, property: /^overflow/ },
];

/** Selectors newer than the floor. */
const SELECTORS = [
  { pattern: /:focus-visible\b/, name: ':focus-visible', version: 86 },
  { pattern: /:is\(/, name: ':is()', version: 88 },
  { pattern: /:where\(/, name: ':where()', version: 88 },
  { pattern: /:has\(/, name: ':has()', version: 105 },
  { pattern: /:user-(in)?valid\b/, name: ':user-valid/:user-invalid', version: 119 },
  { pattern: /:modal\b/, name: ':modal', version: 105 },
  { pattern: /:not\([^)]*[,\s>+~][^)]*\)/, name: ':not() with a complex list', version: 88 },
  { pattern: /&/, name: 'nesting', version: 112 },
];

/** At-rules newer than the floor, with what happens without them. */
const AT_RULES = new Map([
  ['container', { version: 105 }],
  ['layer', { version: 99 }],
  ['property', { version: 85 }],
  ['scope', { version: 118 }],
  ['starting-style', { version: 117 }],
  // The page's margin boxes: before Chromium 131 printing works, without page numbers.
  // The print help says so, and the Word export numbers its pages.
  ['bottom-center', { version: 131, enhancement: 'printed pages have no page numbers (the help says so)' }],
]);

/** Whether `node` sits inside an `@supports` rule. */
function guarded(node) {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.type === 'atrule' && parent.name === 'supports') return true;
  }
  return false;
}

/** The `@supports` rules of a sheet whose condition contains `text`. */
function supportsBlocks(root, text) {
  const blocks = [];
  root.walkAtRules('supports', (rule) => {
    if (rule.params.replace(/\s+/g, ' ').includes(text)) blocks.push(rule);
  });
  return blocks;
}

/** What in one stylesheet Chromium 83 would miss, and the enhancements it may lose. */
function check(css, file) {
  const root = postcss.parse(css, { from: file });
  const problems = [];
  const notes = [];
  const at = (node) => `${file}:${node.source?.start?.line ?? '?'}`;

  root.walkDecls((decl) => {
    const property = decl.prop.toLowerCase();
    if (property.startsWith('--')) return;
    const known = PROPERTIES.get(property);
    if (known && known.version > FLOOR && !guarded(decl)) {
      if (known.enhancement) {
        notes.push(`${at(decl)} ${property} (Chromium ${known.version}): ${known.enhancement}`);
      } else {
        const earlier = decl.parent.nodes.slice(0, decl.parent.nodes.indexOf(decl));
        const has = known.fallback.some((name) => earlier.some((node) => node.type === 'decl' && node.prop === name));
        if (!has) {
          problems.push(
            `${at(decl)} ${property} (Chromium ${known.version}) without a fallback (${known.fallback.join(' or ')} before it) or an @supports guard`,
          );
        }
      }
    }
    for (const value of VALUES) {
      if (value.property && !value.property.test(property)) continue;
      if (!value.pattern.test(decl.value) || guarded(decl)) continue;
      const earlier = decl.parent.nodes.slice(0, decl.parent.nodes.indexOf(decl));
      const fallback = earlier.some((node) => node.type === 'decl' && node.prop === decl.prop && !value.pattern.test(node.value));
      if (!fallback) {
        problems.push(`${at(decl)} ${property}: ${decl.value} uses ${value.name} (Chromium ${value.version}) without a fallback declaration before it`);
      }
    }
  });

  root.walkRules((rule) => {
    if (rule.parent?.type === 'atrule' && rule.parent.name === 'keyframes') return;
    for (const selector of SELECTORS) {
      if (!selector.pattern.test(rule.selector) || guarded(rule)) continue;
      if (rule.selectors.length > 1) {
        problems.push(
          `${at(rule)} "${rule.selector}": ${selector.name} (Chromium ${selector.version}) in a selector list; older browsers drop the whole rule`,
        );
      } else if (selector.name === ':focus-visible') {
        if (supportsBlocks(root, 'not selector(:focus-visible)').length === 0) {
          problems.push(`${at(rule)} ${selector.name} without a fallback in @supports not selector(:focus-visible)`);
        }
      } else {
        problems.push(`${at(rule)} "${rule.selector}": ${selector.name} (Chromium ${selector.version}) outside an @supports guard`);
      }
    }
    // A flex container with a gap needs the margins fallback.
    const display = rule.nodes.find((node) => node.type === 'decl' && node.prop === 'display');
    const gap = rule.nodes.find((node) => node.type === 'decl' && /^(gap|row-gap|column-gap)$/.test(node.prop));
    if (display && /flex/.test(display.value) && gap && !guarded(rule)) {
      const fallbacks = supportsBlocks(root, 'not (color: revert)');
      const covered = rule.selectors.every((selector) =>
        fallbacks.some((block) => {
          let found = false;
          block.walkRules((inner) => {
            if (inner.selectors.some((candidate) => candidate.startsWith(selector))) found = true;
          });
          return found;
        }),
      );
      if (!covered) {
        problems.push(
          `${at(rule)} "${rule.selector}": flex gap (Chromium 84) without a margin fallback in @supports not (color: revert)`,
        );
      }
    }
  });

  root.walkAtRules((rule) => {
    const known = AT_RULES.get(rule.name);
    if (!known || known.version <= FLOOR || guarded(rule)) return;
    if (known.enhancement) notes.push(`${at(rule)} @${rule.name} (Chromium ${known.version}): ${known.enhancement}`);
    else problems.push(`${at(rule)} @${rule.name} (Chromium ${known.version}) outside an @supports guard`);
  });
  return { problems, notes };
}

function main() {
  const files = process.argv.slice(2);
  const sheets =
    files.length > 0
      ? files.map((file) => resolve(file))
      : readdirSync(join(ROOT, 'style'))
          .filter((name) => name.endsWith('.css'))
          .sort()
          .map((name) => join(ROOT, 'style', name));
  let passed = 0;
  let failed = 0;
  for (const path of sheets) {
    const name = relative(ROOT, path);
    const { problems, notes } = check(readFileSync(path, 'utf8'), name);
    if (problems.length === 0) passed += 1;
    else failed += 1;
    console.log(`${problems.length === 0 ? 'ok' : 'FAILED'}: ${name} draws in Chromium ${FLOOR}`);
    for (const problem of problems) console.log(`    ${problem}`);
    for (const note of notes) console.log(`    (enhancement) ${note}`);
  }
  console.log(`styles: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main();
