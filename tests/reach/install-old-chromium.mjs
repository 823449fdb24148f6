// Installs the old Chromium builds that the `reach` level runs the app in, unless they are
// there already: Chromium 83.0.4103.0 and 86.0.4240.0, from the npm packages
// chrome-aws-lambda@3.1.1 and @5.3.1. Those packages were made to run Chromium in
// serverless functions; each holds the browser as brotli files (bin/chromium.br, and
// bin/aws.tar.br and bin/swiftshader.tar.br with the libraries it needs). Nothing else
// offers an old Chromium from a package registry, and these machines reach nothing else.
//
// `npm pack` fetches each package's tarball (about 44 MB) into target/old-chromium/, and
// Node's zlib unpacks it into target/old-chromium/<major>/. A `.installed` file there
// marks a finished install. See docs/BROWSERS.md for how the browsers are run.
//
// Usage: node tests/reach/install-old-chromium.mjs

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HOME = join(ROOT, 'target', 'old-chromium');

/** The builds: the Chromium major version, the package that carries it, its exact version. */
export const BUILDS = [
  { major: 83, spec: 'chrome-aws-lambda@3.1.1', version: '83.0.4103.0' },
  { major: 86, spec: 'chrome-aws-lambda@5.3.1', version: '86.0.4240.0' },
];

/** Where one build's executable and libraries live. */
export function buildDir(major) {
  return join(HOME, String(major));
}

function install({ major, spec, version }) {
  const dir = buildDir(major);
  const stamp = join(dir, '.installed');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === spec) {
    console.log(`Chromium ${version} is installed in ${dir}`);
    return;
  }
  console.log(`Installing Chromium ${version} from npm (${spec}) into ${dir}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const tarball = execFileSync('npm', ['pack', spec, '--pack-destination', dir, '--silent'], {
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .pop();
  execFileSync('tar', ['xzf', join(dir, tarball), '--no-same-owner', '-C', dir]);
  const bin = join(dir, 'package', 'bin');
  const unbrotli = (name) => brotliDecompressSync(readFileSync(join(bin, name)));
  writeFileSync(join(dir, 'chromium'), unbrotli('chromium.br'));
  chmodSync(join(dir, 'chromium'), 0o755);
  for (const name of ['aws.tar', 'swiftshader.tar']) {
    writeFileSync(join(dir, name), unbrotli(`${name}.br`));
    execFileSync('tar', ['xf', name, '--no-same-owner'], { cwd: dir });
    rmSync(join(dir, name));
  }
  rmSync(join(dir, 'package'), { recursive: true, force: true });
  rmSync(join(dir, tarball));
  writeFileSync(stamp, `${spec}\n`);
  console.log(`  unpacked: ${readdirSync(dir).join(', ')}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const build of BUILDS) install(build);
}
