// Runs dynalite in this process and exits when the parent's stdin pipe closes,
// so a killed launcher (even by SIGKILL) never leaves a DynamoDB server behind.
'use strict';
const dynalite = require('dynalite');

const [host, port, path] = process.argv.slice(2);
const options = { createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 };
if (path) options.path = path;

const server = dynalite(options);
server.on('error', (err) => {
  process.stderr.write(`dynalite: ${err.code || err.message}\n`);
  process.exit(3);
});
// dynalite rethrows a request's 'error' (index.js: `req.on('error', function (err) { throw err })`), so a client
// that drops its connection mid-request (an SDK attempt timeout, a JVM stopping) would take the whole server down
// with every table in it. DynamoDB itself shrugs such a client off; so does this one. Anything else still stops it.
process.on('uncaughtException', (err) => {
  if (err && (err.code === 'ECONNRESET' || err.code === 'EPIPE' || err.message === 'aborted')) {
    process.stderr.write(`dynalite: a client dropped its request (${err.code || err.message}); still serving\n`);
    return;
  }
  process.stderr.write(`dynalite: ${err && err.stack ? err.stack : err}\n`);
  process.exit(4);
});

server.listen(Number(port), host, () => {
  process.stdout.write(`READY ${server.address().port}\n`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
