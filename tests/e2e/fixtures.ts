// Shared fixtures for the end-to-end tests. Import `test` and `expect` from here, not from
// '@playwright/test', so that every test gets these checks for free:
//
// - an uncaught page error (a JavaScript exception or a Rust panic in the wasm) fails the
//   test, with the error's text;
// - console errors are recorded as `consoleErrors` and attached to the report; a test that
//   expects none says `expect(consoleErrors).toEqual([])`;
// - the app is client-only: any request to a host other than the local test server is
//   blocked and fails the test.
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

type Fixtures = {
  /** Console messages of type "error" seen so far in this test. */
  consoleErrors: string[];
  /** Uncaught page errors; the test fails at its end when there is any. */
  pageErrors: Error[];
  /** URLs of blocked requests to other hosts; the test fails when there is any. */
  externalRequests: string[];
};

export const test = base.extend<Fixtures>({
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
