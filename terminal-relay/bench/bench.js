// One bench client for every path, driven the same way as in shared/reference/terminal-baselines.md.
//   node bench.js <raw|wetty|peerb|relay> tput
//   node bench.js <path> echo 1000
//   node bench.js <path> mem <N> <serverPid>
// Environment: SSH_PORT, SSH_KEY, KNOWN_HOSTS, WETTY_PORT, PEERB_PORT, RELAY_PORT, TICKET_PORT.
const { spawn, execSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const WebSocket = require('ws');
const { io } = require('socket.io-client');

const env = process.env;
const HARD_MS = Number(env.HARD_MS || 200000);
setTimeout(() => { console.error('hard timeout'); process.exit(3); }, HARD_MS).unref();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function sshArgs() {
  return ['-tt', '-p', env.SSH_PORT, '-i', env.SSH_KEY, '-o', 'StrictHostKeyChecking=yes', '-o',
    `UserKnownHostsFile=${env.KNOWN_HOSTS}`, '-o', 'BatchMode=yes', '-o', 'EscapeChar=none', 'root@127.0.0.1'];
}

function getJson(url) {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
}

// Each connection: write(string), onData(cb(Buffer|string)), close().
async function connect(path) {
  const listeners = [];
  const emit = (d) => listeners.forEach((l) => l(d));
  if (path === 'raw') {
    const p = spawn('ssh', sshArgs(), { stdio: ['pipe', 'pipe', 'ignore'] });
    p.stdout.on('data', emit);
    return { pid: p.pid, write: (s) => p.stdin.write(s), onData: (l) => listeners.push(l), close: () => p.kill() };
  }
  if (path === 'wetty') {
    const s = io(`http://127.0.0.1:${env.WETTY_PORT}`, { path: '/socket.io', transports: ['websocket'], forceNew: true });
    let received = 0;
    s.on('data', (d) => {
      emit(d);
      received += d.length;
      // the browser client's flow control: acknowledge every 256 KiB (here on receipt, no rendering)
      while (received >= 262144) { s.emit('commit', 262144); received -= 262144; }
    });
    await new Promise((r) => s.on('login', r));
    return { write: (x) => s.emit('input', x), onData: (l) => listeners.push(l), close: () => s.close() };
  }
  if (path === 'peerb') {
    const ws = new WebSocket(`ws://127.0.0.1:${env.PEERB_PORT}`, { perMessageDeflate: false });
    ws.on('message', (d) => emit(d));
    await new Promise((r, j) => { ws.on('open', r); ws.on('error', j); });
    return { write: (x) => ws.send(Buffer.from(x), { binary: true }), onData: (l) => listeners.push(l), close: () => ws.close() };
  }
  if (path === 'relay') {
    const t = await getJson(`http://127.0.0.1:${env.TICKET_PORT}/ticket`);
    const ws = new WebSocket(`ws://127.0.0.1:${env.RELAY_PORT}/ws/terminal/${t.sessionId}`,
      { perMessageDeflate: false, headers: { Origin: 'http://127.0.0.1:8080' } });
    let ready;
    const readyP = new Promise((r) => { ready = r; });
    ws.on('message', (d, isBinary) => {
      if (isBinary) emit(d.subarray(8)); // 8-byte stream offset, then the bytes
      else { const m = JSON.parse(d.toString()); if (m.type === 'ready') ready(); else if (m.type === 'error') console.error(m); }
    });
    await new Promise((r, j) => { ws.on('open', r); ws.on('error', j); });
    ws.send(JSON.stringify({ type: 'auth', ticket: t.ticket, binary: true }));
    await readyP;
    return { write: (x) => ws.send(Buffer.from(x), { binary: true }), onData: (l) => listeners.push(l), close: () => ws.close() };
  }
  throw new Error(`unknown path ${path}`);
}

function waitFor(conn, marker, timeoutMs) {
  return new Promise((resolve, reject) => {
    let tail = '';
    let bytes = 0;
    let done = false;
    const timer = setTimeout(() => { done = true; reject(new Error(`timeout waiting for ${marker}`)); }, timeoutMs);
    conn.onData((d) => {
      if (done) return;
      bytes += d.length;
      const s = tail + d.toString('latin1');
      if (s.includes(marker)) { done = true; clearTimeout(timer); resolve(bytes); }
      tail = s.slice(-marker.length);
    });
  });
}

async function ready(conn) {
  await sleep(300);
  const p = waitFor(conn, 'RDY_3', 20000);
  conn.write("PS1='$ '; PROMPT_COMMAND=; echo RDY_$((1+2))\r");
  await p;
  await sleep(300);
}

async function tput(path) {
  const conn = await connect(path);
  await ready(conn);
  const p = waitFor(conn, 'DONE_42_X', 180000);
  const t0 = process.hrtime.bigint();
  conn.write('head -c 150000000 /dev/zero | base64 -w 100; echo DONE_$((40+2))_X\r');
  const bytes = await p;
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  conn.close();
  console.log(JSON.stringify({ path, test: 'tput', bytes, seconds: s, mbps: bytes / 1e6 / s }));
}

async function echo(path, n) {
  const conn = await connect(path);
  await ready(conn);
  let waiter = null;
  conn.onData((d) => { if (waiter && d.toString('latin1').includes(waiter.ch)) { const w = waiter; waiter = null; w.resolve(); } });
  const times = [];
  const start = Date.now();
  const startedAt = new Date(start).toISOString();
  for (let i = 0; i < n && Date.now() - start < 120000; i++) {
    if (i > 0 && i % 64 === 0) { conn.write('\x15'); await sleep(40); }
    const ch = String.fromCharCode(97 + (i % 26));
    const t0 = process.hrtime.bigint();
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('keystroke timeout')), 5000);
      waiter = { ch, resolve: () => { clearTimeout(timer); resolve(); } };
      conn.write(ch);
    });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  // the slowest 1 %, with their position (i % 64 == 0: the first key after a 40 ms pause)
  const slow = times.map((ms, i) => [i, Math.round(ms * 100) / 100]).sort((a, b) => b[1] - a[1]).slice(0, Math.ceil(times.length / 100));
  conn.write('\x15');
  conn.close();
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  console.log(JSON.stringify({ path, test: 'echo', startedAt, endedAt: new Date().toISOString(), n: times.length, p50: q(0.5), p99: q(0.99), max: times[times.length - 1], slow }));
}

function treeMemory(pid) {
  let rss = 0;
  let pss = 0;
  const pids = [pid];
  try {
    const children = execSync(`ps -o pid= --ppid ${pid}`).toString().trim().split(/\s+/).filter(Boolean);
    for (const c of children) pids.push(...treePids(Number(c)));
  } catch (e) { /* no children */ }
  for (const p of pids) {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, 'utf8');
      rss += Number((status.match(/VmRSS:\s+(\d+)/) || [0, 0])[1]);
      const smaps = fs.readFileSync(`/proc/${p}/smaps_rollup`, 'utf8');
      pss += Number((smaps.match(/Pss:\s+(\d+)/) || [0, 0])[1]);
    } catch (e) { /* exited */ }
  }
  return { rssKiB: rss, pssKiB: pss, processes: pids.length };
}

function treePids(pid) {
  const out = [pid];
  try {
    const children = execSync(`ps -o pid= --ppid ${pid}`).toString().trim().split(/\s+/).filter(Boolean);
    for (const c of children) out.push(...treePids(Number(c)));
  } catch (e) { /* none */ }
  return out;
}

async function mem(path, n, serverPid) {
  const target = path === 'raw' ? process.pid : serverPid;
  const before = treeMemory(target);
  const conns = [];
  const t0 = Date.now();
  for (let i = 0; i < n; i += 10) {
    const batch = [];
    for (let j = i; j < Math.min(n, i + 10); j++) batch.push(connect(path).then(async (c) => { await ready(c); return c; }));
    conns.push(...await Promise.all(batch));
  }
  const openSeconds = (Date.now() - t0) / 1000;
  await sleep(10000);
  const after = treeMemory(target);
  conns.forEach((c) => c.close());
  console.log(JSON.stringify({ path, test: 'mem', n: conns.length, openSeconds, before, after,
    perSessionRssKiB: (after.rssKiB - before.rssKiB) / conns.length }));
  await sleep(1000);
  process.exit(0);
}

const [path, test, arg, pid] = process.argv.slice(2);
const run = test === 'tput' ? tput(path) : test === 'echo' ? echo(path, Number(arg || 1000)) : mem(path, Number(arg), Number(pid));
run.then(() => process.exit(0), (e) => { console.error(`${path} ${test} failed: ${e.message}`); process.exit(1); });
