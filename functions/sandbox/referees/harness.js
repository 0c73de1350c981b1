'use strict';
// What every official-SDK referee shares (run by the sandbox's RefereeScript): a loopback-only guard installed
// before the SDK is loaded, the report the Java test reads, and one way to run and record an operation.

const net = require('net');
const tls = require('tls');

// Checks that `url` is on 127.0.0.1 and replaces Node's fetch and raw sockets with ones that may only reach it.
// Returns the report (requests made, requests refused) and the guarded fetch, for SDKs that take one.
function loopbackOnly(url, { withQuery = false } = {}) {
  const allowed = new URL(url);
  if (allowed.hostname !== '127.0.0.1') {
    console.error('the endpoint must be on 127.0.0.1, not ' + allowed.hostname);
    process.exit(2);
  }
  const report = { operations: [], requests: [], refused: [] };
  const realFetch = globalThis.fetch;
  async function guardedFetch(input, init) {
    const target = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const method = (init && init.method) || (input && input.method) || 'GET';
    if (target.host !== allowed.host) {
      report.refused.push(method + ' ' + target.origin);
      throw new Error('referee: refused a request to ' + target.origin + ' (loopback only)');
    }
    report.requests.push(method + ' ' + target.pathname + (withQuery ? target.search : ''));
    return realFetch(input, init);
  }
  // An SDK given a fetch may probe fetch('data:,') for its Response class, unless the fetch names it.
  guardedFetch.Response = Response;
  globalThis.fetch = guardedFetch;
  for (const [mod, name] of [[net, 'connect'], [net, 'createConnection'], [tls, 'connect']]) {
    const real = mod[name];
    mod[name] = function guarded(...args) {
      const options = typeof args[0] === 'object' ? args[0] : { port: args[0], host: args[1] };
      const host = options.host || options.hostname || 'localhost';
      if (options.path === undefined && host !== '127.0.0.1') {
        report.refused.push('socket ' + host + ':' + options.port);
        throw new Error('referee: refused a connection to ' + host + ' (loopback only)');
      }
      return real.apply(this, args);
    };
  }
  return { allowed, report, fetch: guardedFetch };
}

// `op(name, run, checks)`: runs one operation and keeps the key fields it answers; `checks` names what must hold
// (false → fails). `errorOf` turns the SDK's error into the report's words.
function operations(report, errorOf) {
  return async function op(name, run, checks) {
    const entry = { op: name, ok: false };
    report.operations.push(entry);
    const started = Date.now();
    try {
      const fields = await run();
      entry.ms = Date.now() - started;
      entry.fields = fields;
      const failed = Object.entries(checks ? checks(fields) : {}).filter(([, ok]) => !ok).map(([k]) => k);
      entry.ok = failed.length === 0;
      if (failed.length) {
        entry.failed = failed;
      }
      return fields;
    } catch (e) {
      entry.error = { ...errorOf(e), message: String(e.message).slice(0, 300) };
      return undefined;
    }
  };
}

// The guard itself, proven on a documentation address (TEST-NET-1) that nothing answers: both layers refuse.
async function proveGuard(op, report, probeUrl) {
  await op('Loopback guard', async () => {
    const refusedBy = async (attempt) => {
      try {
        await attempt();
        return false;
      } catch (e) {
        return /loopback only/.test(e.message);
      }
    };
    const fetchRefused = await refusedBy(() => globalThis.fetch(probeUrl));
    const socketRefused = await refusedBy(async () => net.connect(9, '192.0.2.1').destroy());
    report.guardSelfTest = report.refused.splice(0);
    return { fetchRefused, socketRefused };
  }, (f) => ({ fetch: f.fetchRefused, socket: f.socketRefused }));
}

// Runs the script's main and prints the report once, with the crash if there was one.
function finish(main, report) {
  main().then(() => {
    process.stdout.write(JSON.stringify(report) + '\n');
  }, (e) => {
    report.crashed = String(e && e.stack || e).slice(0, 2000);
    process.stdout.write(JSON.stringify(report) + '\n');
  });
}

module.exports = { loopbackOnly, operations, proveGuard, finish };
