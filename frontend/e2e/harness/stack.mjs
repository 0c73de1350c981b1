// The local stack (the packaged jar) on free ports with a temporary state folder, serving the built site; and the
// sandbox facts the stories read from it (the OCI sandbox credentials, the Cloudflare simulator's fault switch).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifacts, jar, site, stackRoot } from './config.mjs';
import { check } from './report.mjs';

const cleanups = [];
/** Registers something to undo at the end of the run (in reverse order). */
export const onCleanup = (fn) => cleanups.push(fn);

export async function cleanup() {
  for (const c of cleanups.reverse()) {
    try {
      await c();
    } catch (e) {
      console.error('[e2e] cleanup:', e.message);
    }
  }
  cleanups.length = 0;
}

/** What the stories need to know about the running stack. */
export const stack = { base: '', state: '', cloudflare: '' };

function freePort() {
  return new Promise((ok, ko) => {
    const s = createServer();
    s.once('error', ko);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

export async function startStack() {
  for (const [what, path] of [
    ['the local stack jar', jar],
    ['the built site', join(site, 'index.html')]
  ]) {
    if (!existsSync(path)) throw new Error(`${what} is missing (${path}): run mvn -B verify (or package) first`);
  }
  const [api, dynamo, cloudflare, hetzner, oci] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort()
  ]);
  const state = mkdtempSync(join(tmpdir(), 'xanthus-e2e-state-'));
  stack.state = state;
  stack.cloudflare = `http://127.0.0.1:${cloudflare}`;
  onCleanup(() => rmSync(state, { recursive: true, force: true }));
  const child = spawn('java', ['-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-jar', jar], {
    cwd: stackRoot,
    env: {
      ...process.env,
      XANTHUS_API_PORT: String(api),
      XANTHUS_DYNAMO_PORT: String(dynamo),
      XANTHUS_CLOUDFLARE_PORT: String(cloudflare),
      XANTHUS_HETZNER_PORT: String(hetzner),
      XANTHUS_OCI_PORT: String(oci),
      XANTHUS_RELEASES_PORT: '0',
      XANTHUS_RELAY_PORT: '0',
      XANTHUS_STATE_DIR: state,
      XANTHUS_FRONTEND_DIR: site
    },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  onCleanup(() => stopStack(child));
  await new Promise((ok, ko) => {
    const timer = setTimeout(
      () => ko(new Error(`the stack did not start within 90 s:\n${output.slice(-3000)}`)),
      90_000
    );
    const onData = (d) => {
      output += d;
      if (output.includes('Xanthus is running at')) {
        clearTimeout(timer);
        ok();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      ko(new Error(`the stack exited with ${code}:\n${output.slice(-3000)}`));
    });
  });
  child.removeAllListeners('exit');
  const logFile = join(artifacts, 'stack.log');
  child.stdout.on('data', (d) => (output += d));
  onCleanup(() => writeFileSync(logFile, output));
  stack.base = `http://127.0.0.1:${api}`;
  return stack.base;
}

function stopStack(child) {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(kill);
      ok();
    });
    child.kill('SIGTERM');
  });
}

/**
 * The sandbox OCI credentials the local stack writes under `<state dir>/oci-sandbox/`: the API signing key
 * (`oci_api_key.pem`) and the tenancy, user, fingerprint and region from the OCI CLI style `config` beside it
 * (sandbox SandboxKey; any other JSON or `key=value` file there is read too). Null when the stack wrote none.
 */
export function ociSandbox() {
  const dir = join(stack.state, 'oci-sandbox');
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir);
  const pem = files.includes('oci_api_key.pem')
    ? 'oci_api_key.pem'
    : files.find((f) => f.endsWith('.pem') && !/public/i.test(f));
  if (!pem) return null;
  const found = {};
  const take = (k, v) => {
    const key = k.toLowerCase().replace(/[_-]?ocid$/, '');
    if (['tenancy', 'user', 'fingerprint', 'region'].includes(key) && typeof v === 'string' && !found[key])
      found[key] = v.trim();
  };
  for (const f of files.filter((f) => !f.endsWith('.pem'))) {
    let text;
    try {
      text = readFileSync(join(dir, f), 'utf8');
    } catch {
      continue; // a folder
    }
    try {
      for (const [k, v] of Object.entries(JSON.parse(text))) take(k, v);
    } catch {
      for (const m of text.matchAll(/^\s*([A-Za-z_-]+)\s*[=:]\s*(\S+)\s*$/gm)) take(m[1], m[2]);
    }
  }
  if (!['tenancy', 'user', 'fingerprint', 'region'].every((k) => found[k])) return null;
  return { ...found, keyFile: join(dir, pem) };
}

/** Arms a fault on the Cloudflare simulator (its /__admin/faults: route, type, status, times; no times = always). */
export async function cloudflareFault(spec) {
  const armed = await fetch(`${stack.cloudflare}/__admin/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(spec)
  });
  check(
    armed.status === 201,
    `the Cloudflare simulator did not arm ${spec.route} (${armed.status}: ${await armed.text()})`
  );
}

/** The faults still armed on the Cloudflare simulator. */
export const cloudflareFaults = async () => (await fetch(`${stack.cloudflare}/__admin/faults`)).json();

/** Clears the faults armed on one route of the Cloudflare simulator. */
export async function clearCloudflareFault(route) {
  const cleared = await fetch(`${stack.cloudflare}/__admin/faults?route=${encodeURIComponent(route)}`, {
    method: 'DELETE'
  });
  check(cleared.ok, `the Cloudflare simulator did not clear the fault (${cleared.status})`);
}
