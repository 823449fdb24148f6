// Shared fixtures for the end-to-end tests. Import `test` and `expect` from here, not from
// '@playwright/test', so that every test gets these checks for free:
//
// - an uncaught page error (a JavaScript exception or a Rust panic in the wasm) fails the
//   test, with the error's text;
// - console errors are recorded as `consoleErrors` and attached to the report; a test that
//   expects none says `expect(consoleErrors).toEqual([])`;
// - the app is client-only: any request to a host other than the local test server is
//   blocked and fails the test;
// - every Content-Security-Policy violation (a `securitypolicyviolation` event) in any
//   page or frame of the test's context, across navigations, is recorded as
//   `cspViolations` and fails the test at its end, with each violation's details. A test
//   that provokes violations on purpose says `test.use({ allowCspViolations: true })` and
//   checks `cspViolations` itself.
//
// `readShared` reads the project's shared test data from ../shared (beside the repository).

import { test as base, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in tests/e2e). */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the shared test data lives: $JIANBAO_SHARED, else ../shared beside the root. */
export const SHARED_DIR = process.env.JIANBAO_SHARED ?? resolve(ROOT, '..', 'shared');

/**
 * The text of a file under the shared data folder (`seed/…`, `bench/big-issue.md`,
 * `xss/dompurify-payloads.json`), or `undefined` when it is absent. A test that needs it
 * fails plainly, naming the path (see `requireShared`): CI always has the folder.
 */
export function readShared(relativePath: string): string | undefined {
  const path = join(SHARED_DIR, relativePath);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/** The text of a shared file; throws a plain message naming the path when it is absent. */
export function requireShared(relativePath: string): string {
  const text = readShared(relativePath);
  if (text === undefined) {
    throw new Error(`test data absent: ${join(SHARED_DIR, relativePath)} could not be read`);
  }
  return text;
}

/** One `securitypolicyviolation` event, as a page saw it. */
export type CspViolation = {
  /** Unique per document and event (the same event may arrive twice; see below). */
  id: string;
  /** The document's address. */
  url: string;
  /** The directive broken (`script-src-elem`, `style-src-attr`, …). */
  directive: string;
  /** What was blocked: a URL, or `inline`, `eval`, `wasm-eval`. */
  blocked: string;
  /** The first characters of the blocked inline code, when the policy reports it. */
  sample: string;
  /** Where the offending code was, when known. */
  source: string;
  line: number;
  column: number;
  /** `enforce` or `report`. */
  disposition: string;
};

/** The binding through which pages report violations to the test, as they happen. */
const CSP_BINDING = '__jianbaoCspViolation';

/**
 * Runs first in every document of the context (Playwright's init scripts are not subject
 * to the page's policy, so this runs in the exported file too, whose policy allows no
 * script). It records each violation in `window.__cspViolations` and reports it through
 * the binding at once, so that a violation is not lost when the page navigates away.
 */
function recordCspViolations(binding: string): void {
  const seen: unknown[] = [];
  const doc = Math.random().toString(36).slice(2);
  Object.defineProperty(window, '__cspViolations', { value: seen, configurable: true });
  document.addEventListener(
    'securitypolicyviolation',
    (event) => {
      const violation = {
        id: `${doc}:${seen.length}`,
        url: document.location.href,
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        sample: event.sample,
        source: event.sourceFile,
        line: event.lineNumber,
        column: event.columnNumber,
        disposition: event.disposition,
      };
      seen.push(violation);
      const report = (window as unknown as Record<string, unknown>)[binding];
      if (typeof report === 'function') {
        try {
          (report as (v: unknown) => Promise<void>)(violation).catch(() => undefined);
        } catch {
          // The page is going away: the list above is read at the test's end if it stays.
        }
      }
    },
    true,
  );
}

/** A violation as one line of a failure message. */
function describeViolation(v: CspViolation): string {
  const where = v.source ? ` at ${v.source}:${v.line}:${v.column}` : '';
  const sample = v.sample ? ` sample ${JSON.stringify(v.sample)}` : '';
  return `${v.directive} (${v.disposition}) blocked ${v.blocked || '(nothing named)'}${sample}${where} in ${v.url}`;
}

type Options = {
  /**
   * Lets the test end with Content-Security-Policy violations recorded. Only for tests
   * that provoke them on purpose, and that then check `cspViolations` themselves.
   */
  allowCspViolations: boolean;
};

type Fixtures = {
  /**
   * Every Content-Security-Policy violation seen so far in the test's context (all pages
   * and frames, across navigations). The test fails at its end when there is any, unless
   * it set `allowCspViolations`.
   */
  cspViolations: CspViolation[];
  /** Console messages of type "error" seen so far in this test. */
  consoleErrors: string[];
  /** Uncaught page errors; the test fails at its end when there is any. */
  pageErrors: Error[];
  /** URLs of blocked requests to other hosts; the test fails when there is any. */
  externalRequests: string[];
};

export const test = base.extend<Fixtures & Options>({
  allowCspViolations: [false, { option: true }],
  cspViolations: [
    async ({ context, allowCspViolations }, use, testInfo) => {
      const violations: CspViolation[] = [];
      const ids = new Set<string>();
      const add = (violation: CspViolation) => {
        if (ids.has(violation.id)) return;
        ids.add(violation.id);
        violations.push(violation);
      };
      await context.exposeBinding(CSP_BINDING, (_source, violation: CspViolation) => add(violation));
      await context.addInitScript(recordCspViolations, CSP_BINDING);
      await use(violations);
      // What the pages still open recorded, in case a report through the binding has not
      // arrived yet. A page that does not answer within 5 s (a test that left it busy)
      // is skipped; what it reported through the binding is already in the list.
      for (const page of context.pages()) {
        if (page.isClosed()) continue;
        const recorded = await Promise.race([
          page
            .evaluate(() => (window as unknown as { __cspViolations?: CspViolation[] }).__cspViolations ?? [])
            .catch(() => [] as CspViolation[]),
          new Promise<CspViolation[]>((resolve) => setTimeout(() => resolve([]), 5_000)),
        ]);
        recorded.forEach(add);
      }
      const report = violations.map(describeViolation).join('\n');
      if (violations.length > 0) {
        await testInfo.attach('csp-violations', { body: report });
      }
      if (!allowCspViolations) {
        expect(violations, `Content-Security-Policy violations:\n${report}`).toEqual([]);
      }
    },
    { auto: true },
  ],
  consoleErrors: [
    async ({ page }, use, testInfo) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await use(errors);
      if (errors.length > 0) {
        await testInfo.attach('console-errors', { body: errors.join('\n') });
      }
    },
    { auto: true },
  ],
  pageErrors: [
    async ({ page }, use) => {
      const errors: Error[] = [];
      page.on('pageerror', (error) => errors.push(error));
      await use(errors);
      const report = errors.map((error) => error.stack ?? error.message).join('\n\n');
      expect(errors, `uncaught page errors:\n${report}`).toEqual([]);
    },
    { auto: true },
  ],
  externalRequests: [
    async ({ page, baseURL }, use) => {
      const blocked: string[] = [];
      const local = new URL(baseURL ?? 'http://127.0.0.1/').host;
      await page.route(
        (url) => url.protocol.startsWith('http') && url.host !== local,
        async (route) => {
          blocked.push(route.request().url());
          await route.abort('blockedbyclient');
        },
      );
      await use(blocked);
      expect(blocked, 'requests to hosts other than the test server').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Clicks an export or print button (`export-html`, `copy-rich`, `print`, `export-word`)
 * and, when the app asks first because some items are not 已审, answers 仍然导出. The
 * app opens its question in the click's own handler, so it is open when the click returns.
 */
export async function clickThroughReview(page: import('@playwright/test').Page, testId: string): Promise<void> {
  await page.getByTestId(testId).click();
  const yes = page.getByTestId('confirm-yes');
  if (await yes.isVisible()) await yes.click();
}
