// Prints the benchmark table (markdown) from bench.js's JSON lines: min / median per path, ratios within this run.
const fs = require('fs');
const all = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map((l) => JSON.parse(l));
// warm-up rounds are not part of the table; the first one is each server's first sessions after start (cold)
const rows = all.filter((r) => !r.warmup);
const cold = all.filter((r) => r.warmup === 1 && !r.failed);
const paths = ['raw', 'wetty', 'peerb', 'relay'];
const names = { raw: 'raw `ssh -tt`', wetty: 'WeTTY 3.2.0', peerb: 'Peer B (ws + node-pty + ssh)', relay: 'Xanthus relay' };
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const min = (xs) => (xs.length ? Math.min(...xs) : NaN);
const max = (xs) => (xs.length ? Math.max(...xs) : NaN);
const f = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const stat = {};
for (const p of paths) {
  const t = rows.filter((r) => r.path === p && r.test === 'tput' && !r.failed).map((r) => r.mbps);
  const e = rows.filter((r) => r.path === p && r.test === 'echo' && !r.failed);
  const m = rows.find((r) => r.path === p && r.test === 'mem' && !r.failed);
  stat[p] = { tput: t, p50: e.map((r) => r.p50), p99: e.map((r) => r.p99), mem: m,
    failed: rows.filter((r) => r.path === p && r.failed).map((r) => r.test) };
}
console.log('| path | throughput MB/s (max / median) | echo p50 ms (min / median) | echo p99 ms (min / median) | idle sessions: N, server RSS MiB (per session KiB) | failed |');
console.log('|---|---|---|---|---|---|');
for (const p of paths) {
  const s = stat[p];
  const m = s.mem ? `${s.mem.n}: ${f(s.mem.after.rssKiB / 1024, 0)} (${f(s.mem.perSessionRssKiB, 0)})` : 'n/a';
  console.log(`| ${names[p]} | ${f(max(s.tput))} / ${f(med(s.tput))} | ${f(min(s.p50))} / ${f(med(s.p50))} | ${f(min(s.p99))} / ${f(med(s.p99))} | ${m} | ${s.failed.join(', ') || '-'} |`);
}
const r = stat.relay;
console.log('');
console.log('Relay against the peers of this run (median throughput; median echo p99):');
for (const p of ['raw', 'wetty', 'peerb']) {
  console.log(`- vs ${names[p]}: throughput ${f((med(r.tput) / med(stat[p].tput)) * 100, 0)} %, echo p99 ${f(med(r.p99) - med(stat[p].p99), 2)} ms (${f(med(r.p99) / med(stat[p].p99), 2)}x)`);
}
if (r.mem) console.log(`- relay RSS with ${r.mem.n} idle sessions: ${f(r.mem.after.rssKiB / 1024, 0)} MiB (before: ${f(r.mem.before.rssKiB / 1024, 0)} MiB), opened in ${f(r.mem.openSeconds, 0)} s`);
if (cold.length) {
  console.log('');
  console.log('Cold (warm-up round 1: the first throughput and 2,000-key echo run after each server started):');
  for (const p of paths) {
    const t = cold.find((r) => r.path === p && r.test === 'tput');
    const e = cold.find((r) => r.path === p && r.test === 'echo');
    if (t || e) console.log(`- ${names[p]}: ${f(t && t.mbps)} MB/s, echo p50 ${f(e && e.p50)} ms, p99 ${f(e && e.p99)} ms`);
  }
}
console.log('');
console.log('Targets: throughput >= 90 % of raw and above every peer; echo p99 <= raw + 1 ms; 1,000 idle sessions <= 256 MiB RSS.');
