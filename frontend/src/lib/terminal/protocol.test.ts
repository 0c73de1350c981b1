import { describe, expect, it } from 'vitest';
import { binaryFrame, RelayClient, type ConnectionState, type SocketLike } from './protocol';

class FakeSocket implements SocketLike {
  readyState = 0;
  binaryType = 'blob';
  sent: Record<string, unknown>[] = [];
  closedWith: number | null = null;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000) {
    this.closedWith = code;
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
  // relay side
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(msg: object) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
}

function setup(max = 3) {
  const sockets: FakeSocket[] = [];
  const timers: (() => void)[] = [];
  const out: string[] = [];
  const states: [ConnectionState, string | undefined][] = [];
  let exit: number | null | undefined;
  const client = new RelayClient({
    url: 'ws://127.0.0.1/ws/terminal/s1',
    ticket: 'T',
    maxResumeAttempts: max,
    connect: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    onOutput: (t) => out.push(t),
    onState: (s, d) => states.push([s, d]),
    onExit: (s) => (exit = s),
    setTimer: (fn) => timers.push(fn)
  });
  return { client, sockets, timers, out, states, exit: () => exit };
}

describe('RelayClient', () => {
  it('authenticates first, then sends input and the size once ready', () => {
    const { client, sockets, states } = setup();
    client.resize(100, 30);
    client.start();
    sockets[0].open();
    expect(sockets[0].sent).toEqual([{ type: 'auth', ticket: 'T', binary: false }]);
    client.input('ls\r'); // not ready yet: dropped, never sent before auth completes
    sockets[0].receive({ type: 'ready', sessionId: 's1', resumeToken: 'R1', seq: 0 });
    client.input('echo hi\r');
    expect(sockets[0].sent.slice(1)).toEqual([
      { type: 'resize', cols: 100, rows: 30 },
      { type: 'input', data: 'echo hi\r' }
    ]);
    expect(states.at(-1)?.[0]).toBe('open');
    expect(client.id).toBe('s1');
  });

  it('resumes after a dropped socket from the last offset, without repeating output', () => {
    const { client, sockets, timers, out, states } = setup();
    client.start();
    sockets[0].open();
    sockets[0].receive({ type: 'ready', sessionId: 's1', resumeToken: 'R1', seq: 0 });
    sockets[0].receive({ type: 'output', data: 'hello ', seq: 6 });
    client.drop();
    expect(states.at(-1)).toEqual(['reconnecting', 'attempt 1 of 3']);
    timers.shift()!();
    sockets[1].open();
    expect(sockets[1].sent[0]).toEqual({
      type: 'resume',
      sessionId: 's1',
      resumeToken: 'R1',
      lastSeq: 6,
      binary: false
    });
    sockets[1].receive({ type: 'ready', sessionId: 's1', resumeToken: 'R2', seq: 6 });
    sockets[1].receive({ type: 'output', data: 'hello ', seq: 6 }); // replayed twice by mistake: ignored
    sockets[1].receive({ type: 'output', data: 'world', seq: 11 });
    expect(out.join('')).toBe('hello world');
    expect(states.at(-1)?.[0]).toBe('open');
    client.drop();
    timers.shift()!();
    sockets[2].open();
    expect(sockets[2].sent[0]).toMatchObject({ resumeToken: 'R2', lastSeq: 11 });
  });

  it('re-attaches after a reload with a resume first, and reports each new token for the next one', () => {
    const sockets: FakeSocket[] = [];
    const out: string[] = [];
    const ready: unknown[] = [];
    const client = new RelayClient({
      url: 'ws://127.0.0.1/ws/terminal/s1',
      ticket: '',
      resume: { sessionId: 's1', resumeToken: 'R5', lastSeq: 40 },
      connect: (url) => {
        const s = new FakeSocket(url);
        sockets.push(s);
        return s;
      },
      onOutput: (t) => out.push(t),
      onState: () => {},
      onReady: (a) => ready.push(a)
    });
    client.start();
    sockets[0].open();
    expect(sockets[0].sent).toEqual([
      { type: 'resume', sessionId: 's1', resumeToken: 'R5', lastSeq: 40, binary: false }
    ]);
    sockets[0].receive({ type: 'ready', sessionId: 's1', resumeToken: 'R6', seq: 40 });
    sockets[0].receive({ type: 'output', data: 'old', seq: 40 });
    sockets[0].receive({ type: 'output', data: 'new', seq: 43 });
    expect(out).toEqual(['new']);
    expect(ready).toEqual([{ sessionId: 's1', resumeToken: 'R6', lastSeq: 40 }]);
    expect(client.attach).toEqual({ sessionId: 's1', resumeToken: 'R6', lastSeq: 43 });
  });

  it('stops on a final close code and explains it', () => {
    const { client, sockets, timers, states } = setup();
    client.start();
    sockets[0].open();
    sockets[0].receive({ type: 'ready', sessionId: 's1', resumeToken: 'R1', seq: 0 });
    sockets[0].close(4410);
    expect(timers).toHaveLength(0);
    expect(states.at(-1)).toEqual(['closed', 'the session was ended']);
  });

  it('gives up after the allowed attempts', () => {
    const { client, sockets, timers, states } = setup(2);
    client.start();
    sockets[0].open();
    sockets[0].receive({ type: 'ready', sessionId: 's1', resumeToken: 'R1', seq: 0 });
    client.drop();
    timers.shift()!();
    sockets[1].close(1006);
    timers.shift()!();
    sockets[2].close(1006);
    expect(states.at(-1)?.[0]).toBe('closed');
    expect(sockets).toHaveLength(3);
  });

  it('does not resume a session that never became ready', () => {
    const { client, sockets, timers, states } = setup();
    client.start();
    sockets[0].open();
    sockets[0].close(1006);
    expect(timers).toHaveLength(0);
    expect(states.at(-1)?.[0]).toBe('closed');
  });

  it('reports the exit status and does not reconnect afterwards', () => {
    const { client, sockets, timers, exit } = setup();
    client.start();
    sockets[0].open();
    sockets[0].receive({ type: 'ready', sessionId: 's1', resumeToken: 'R1', seq: 0 });
    sockets[0].receive({ type: 'exit', status: 0 });
    sockets[0].close(1006);
    expect(exit()).toBe(0);
    expect(timers).toHaveLength(0);
  });

  it('decodes binary output frames', () => {
    const buf = new ArrayBuffer(10);
    new DataView(buf).setBigUint64(0, 42n);
    new Uint8Array(buf, 8).set([104, 105]);
    const f = binaryFrame(buf);
    expect(f.seq).toBe(42);
    expect(new TextDecoder().decode(f.bytes)).toBe('hi');
  });
});
