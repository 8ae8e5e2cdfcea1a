// Run by Maven (generate-test-resources in module broker) before the tests: `npm ci` unless
// node_modules already holds exactly what package-lock.json pins (npm's own record of an install,
// node_modules/.package-lock.json, lists the same packages with the same versions and integrity
// hashes). So a second build needs no network, and a changed lock file reinstalls.
// Usage: node ensure-deps.mjs [DIR] (default: this script's directory; scripts/mcp-conformance
// passes scripts/conformance).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = process.argv[2] ? resolve(process.argv[2]) : dirname(fileURLToPath(import.meta.url));
const shown = relative(process.cwd(), here) || '.';

function pinned(file) {
  const packages = JSON.parse(readFileSync(file, 'utf8')).packages ?? {};
  return Object.entries(packages)
    .filter(([path]) => path !== '')
    .map(([path, p]) => `${path}@${p.version}#${p.integrity ?? ''}`)
    .sort()
    .join('\n');
}

let upToDate = false;
try {
  upToDate = pinned(join(here, 'package-lock.json')) === pinned(join(here, 'node_modules', '.package-lock.json'));
} catch {
  // no node_modules yet, or npm's record is missing or unreadable: install
}
if (upToDate) {
  console.log(`${shown}: node_modules matches package-lock.json; npm ci skipped`);
  process.exit(0);
}
console.log(`${shown}: npm ci (the versions package-lock.json pins)`);
const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=warn'], { cwd: here, stdio: 'inherit' });
if (npm.error) {
  console.error(`${shown}: cannot run npm (${npm.error.message}); install Node 20 and npm (Debian: apt-get install nodejs npm)`);
  process.exit(1);
}
process.exit(npm.status ?? 1);
