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
server.listen(Number(port), host, () => {
  process.stdout.write(`READY ${server.address().port}\n`);
});

process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));
