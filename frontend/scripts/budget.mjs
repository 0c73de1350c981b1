// Prints the gzipped JS + CSS of the first load of the login page and of the dashboard, from the built site:
// the entry scripts and styles the fallback index.html loads, plus every route node (layouts + page) with its static
// imports and CSS, walked through Vite's client manifest. Exits 1 when a page is over budget or pulls in xterm.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const frontend = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const build = join(frontend, 'build');
const manifestPath = join(frontend, '.svelte-kit/output/client/.vite/manifest.json');
const nodesDir = join(frontend, '.svelte-kit/generated/client-optimized/nodes');
const BUDGET = 60 * 1024;

for (const p of [join(build, 'index.html'), manifestPath]) {
  if (!existsSync(p)) {
    console.error(`budget: ${p} is missing; run npm run build first`);
    process.exit(2);
  }
}

const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const html = readFileSync(join(build, 'index.html'), 'utf8');

/** The files index.html loads itself: module preloads, stylesheets and the entry imports. */
const entry = new Set(
  [...html.matchAll(/(?:href|import)\(?=?"(\/_app\/[^"]+\.(?:js|css))"/g)].map((m) => m[1].replace(/^\//, ''))
);

/** Maps route files to their generated node module (`nodes/N.js` re-exports `src/routes/.../+page.svelte`). */
function nodeFor(routeFile) {
  for (let i = 0; existsSync(join(nodesDir, `${i}.js`)); i++) {
    if (readFileSync(join(nodesDir, `${i}.js`), 'utf8').includes(routeFile))
      return `.svelte-kit/generated/client-optimized/nodes/${i}.js`;
  }
  throw new Error(`no node for ${routeFile}`);
}

function walk(key, files, seen = new Set()) {
  if (seen.has(key)) return;
  seen.add(key);
  const chunk = manifest[key];
  if (!chunk) throw new Error(`not in the manifest: ${key}`);
  files.add(chunk.file);
  for (const css of chunk.css ?? []) files.add(css);
  for (const imp of chunk.imports ?? []) walk(imp, files, seen);
}

function measure(name, routeFiles) {
  const files = new Set(entry);
  for (const r of routeFiles) walk(nodeFor(r), files);
  let js = 0;
  let css = 0;
  let xterm = false;
  for (const f of files) {
    const body = readFileSync(join(build, f));
    const gz = gzipSync(body).length;
    if (f.endsWith('.css')) css += gz;
    else js += gz;
    if (body.includes('xterm-helper-textarea')) xterm = true;
  }
  const total = js + css;
  const kb = (n) => (n / 1024).toFixed(1);
  console.log(
    `${name.padEnd(10)} ${String(files.size).padStart(3)} files  JS ${kb(js).padStart(6)} KB  CSS ${kb(css).padStart(5)} KB  total ${kb(total).padStart(6)} KB gzipped  (budget ${kb(BUDGET)} KB)${xterm ? '  INCLUDES XTERM' : ''}`
  );
  return total <= BUDGET && !xterm;
}

const results = [
  measure('login', ['src/routes/+layout.svelte', 'src/routes/login/+page.svelte']),
  measure('dashboard', [
    'src/routes/+layout.svelte',
    'src/routes/(app)/+layout.svelte',
    'src/routes/(app)/+page.svelte'
  ])
];
const term = new Set();
walk(nodeFor('src/routes/(app)/terminal/[id]/+page.svelte'), term);
const lazy = Object.values(manifest)
  .filter((c) => c.isDynamicEntry && /terminal\/view/.test(c.src ?? ''))
  .map((c) => c.file);
console.log(`terminal   xterm is a separate lazy chunk: ${lazy.length ? lazy.join(', ') : 'NO'}`);
process.exit(results.every(Boolean) && lazy.length ? 0 : 1);
