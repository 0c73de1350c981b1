// Peer B: the Coolify design. One `ssh -tt` in a node-pty per WebSocket; binary frames both ways; JSON {resize}.
// Same as the baselines' peer: pauses the PTY above 1 MiB buffered on the socket, resumes on drain.
const { WebSocketServer } = require('ws');
const pty = require('@lydell/node-pty');

const [port, sshPort, key, knownHosts] = process.argv.slice(2);
const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(port), perMessageDeflate: false });
wss.on('connection', (ws) => {
  const term = pty.spawn('ssh', ['-tt', '-p', sshPort, '-i', key, '-o', 'StrictHostKeyChecking=yes',
    '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'BatchMode=yes', '-o', 'EscapeChar=none', 'root@127.0.0.1'],
  { name: 'xterm-256color', cols: 80, rows: 30, encoding: null });
  let paused = false;
  term.onData((data) => {
    ws.send(data, { binary: true });
    if (!paused && ws.bufferedAmount > 1024 * 1024) { paused = true; term.pause(); waitDrain(); }
  });
  function waitDrain() {
    const check = () => {
      if (ws.readyState !== 1) return;
      if (ws.bufferedAmount < 256 * 1024) { paused = false; term.resume(); } else setTimeout(check, 1);
    };
    setTimeout(check, 1);
  }
  term.onExit(() => ws.close());
  ws.on('message', (msg, isBinary) => {
    if (isBinary) term.write(msg);
    else { try { const m = JSON.parse(msg.toString()); if (m.resize) term.resize(m.resize.cols, m.resize.rows); } catch (e) { /* ignore */ } }
  });
  ws.on('close', () => { try { term.kill(); } catch (e) { /* gone */ } });
});
console.log(`READY ${port}`);
