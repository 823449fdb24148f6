// Playwright's configuration for the end-to-end tests in tests/e2e.
//
// They run against the release build in dist/ (made by `trunk build --release`), served
// by a plain static server, in Debian's Chromium: never run `npx playwright install`, it
// downloads browsers and fails on these offline machines. `cargo xtask test --only e2e`
// builds dist/ first and counts the results from the JSON report.

import { defineConfig } from '@playwright/test';
import { readFileSync } from 'node:fs';

/** The port of the static server: 4173, or $JIANBAO_E2E_PORT when that one is taken. */
const PORT = Number(process.env.JIANBAO_E2E_PORT ?? 4173);

/** The release build served: dist, or $JIANBAO_E2E_DIST (as `cargo xtask test` builds it). */
const DIST = process.env.JIANBAO_E2E_DIST ?? 'dist';

/**
 * Chromium's flags, shared with the browser unit tests: webdriver.json is the one place
 * they are written (headless, no sandbox as root, and no calls home on a closed network).
 */
const chromiumArgs: string[] = JSON.parse(readFileSync('webdriver.json', 'utf8'))[
  'goog:chromeOptions'
].args;

export default defineConfig({
  testDir: './tests/e2e',
  outputDir: './target/playwright/results',
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Two cores: one browser at a time keeps timings steady.
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [
    ['list'],
    [
      'json',
      { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? 'target/playwright/report.json' },
    ],
  ],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    locale: 'zh-CN',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        // Debian's Chromium with its own user agent: no device emulation.
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
      },
    },
  ],
  webServer: {
    command: `node tests/e2e/serve.mjs ${DIST} ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
