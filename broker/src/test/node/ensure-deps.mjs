// Run by Maven (generate-test-resources in module broker) before the tests: `npm ci` unless
// node_modules already holds exactly what package-lock.json pins (npm's own record of an install,
// node_modules/.package-lock.json, lists the same packages with the same versions and integrity
// hashes). So a second build needs no network, and a changed lock file reinstalls.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

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
  console.log('broker/src/test/node: node_modules matches package-lock.json; npm ci skipped');
  process.exit(0);
}
console.log('broker/src/test/node: npm ci (the pinned @modelcontextprotocol/sdk and its dependencies)');
const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=warn'], { cwd: here, stdio: 'inherit' });
if (npm.error) {
  console.error(`broker/src/test/node: cannot run npm (${npm.error.message}); install Node 20 and npm (Debian: apt-get install nodejs npm)`);
  process.exit(1);
}
process.exit(npm.status ?? 1);
