// The terminal relay's wire protocol (terminal-relay, Protocol.java / TerminalFrameHandler.java), without xterm:
// a session opens with {"type":"auth","ticket"}, the relay answers {"type":"ready",sessionId,resumeToken,seq},
// output arrives as {"type":"output",data,seq} (seq = stream offset after the chunk), input goes as
// {"type":"input",data}, size as {"type":"resize",cols,rows}. A dropped socket is resumed on a new one with
// {"type":"resume",sessionId,resumeToken,lastSeq}: the relay replays what was missed after lastSeq.

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Close codes after which resuming is pointless (the session is gone or was never ours). */
export const FINAL_CLOSE_CODES: Record<number, string> = {
  1000: 'closed',
  4400: 'the relay did not understand a message',
  4401: 'the ticket is invalid, used or expired',
  4404: 'the session cannot be resumed (ended, or the grace period passed)',
  4408: 'closed after being idle',
  4409: 'the session was opened in another window',
  4410: 'the session was ended',
  4429: 'too many open terminal sessions',
  4502: 'the server refused the SSH connection'
};

export interface RelayMessage {
  type: string;
  [key: string]: unknown;
}

/** What the client needs from a WebSocket; the browser's WebSocket fits. */
export interface SocketLike {
  readyState: number;
  binaryType: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface RelayClientOptions {
  url: string;
  ticket: string;
  /** Opens a socket; `new WebSocket(url)` in the browser. */
  connect: (url: string) => SocketLike;
  onOutput: (text: string) => void;
  onState: (state: ConnectionState, detail?: string) => void;
  onExit?: (status: number | null) => void;
  /**
   * Re-attach to a session this tab had before a reload (sessionId, its last resume token and output offset), with
   * a resume as the first message instead of the ticket's auth.
   */
  resume?: { sessionId: string; resumeToken: string; lastSeq: number };
  /** Every `ready`: what a later re-attach needs (the relay sends a new resume token each time). */
  onReady?: (attach: { sessionId: string; resumeToken: string; lastSeq: number }) => void;
  /** Resume attempts after a drop before giving up (each waits a little longer, up to 5 s). */
  maxResumeAttempts?: number;
  /** Timer, replaceable in tests. */
  setTimer?: (fn: () => void, ms: number) => unknown;
}

const OPEN = 1;

/** Decodes the 8-byte big-endian stream offset in front of a binary output frame. */
export function binaryFrame(buf: ArrayBuffer): { seq: number; bytes: Uint8Array } {
  const view = new DataView(buf);
  const seq = Number(view.getBigUint64(0));
  return { seq, bytes: new Uint8Array(buf, 8) };
}

export class RelayClient {
  private socket: SocketLike | null = null;
  private sessionId = '';
  private resumeToken = '';
  private lastSeq = 0;
  private attempts = 0;
  private stopped = false;
  private size: { cols: number; rows: number } | null = null;
  state: ConnectionState = 'connecting';
  private readonly decoder = new TextDecoder();

  constructor(private readonly opts: RelayClientOptions) {}

  start(): void {
    const r = this.opts.resume;
    if (r) {
      this.sessionId = r.sessionId;
      this.resumeToken = r.resumeToken;
      this.lastSeq = r.lastSeq;
      this.open({ type: 'resume', ...r, binary: false });
    } else this.open({ type: 'auth', ticket: this.opts.ticket, binary: false });
  }

  /** What re-attaching later needs, as of now (the offset moves with every output). */
  get attach(): { sessionId: string; resumeToken: string; lastSeq: number } | null {
    return this.resumeToken
      ? { sessionId: this.sessionId, resumeToken: this.resumeToken, lastSeq: this.lastSeq }
      : null;
  }

  /** The offset of the last output received; what a resume asks to continue from. */
  get seq(): number {
    return this.lastSeq;
  }

  get id(): string {
    return this.sessionId;
  }

  input(data: string): void {
    this.send({ type: 'input', data });
  }

  resize(cols: number, rows: number): void {
    this.size = { cols, rows };
    this.send({ type: 'resize', cols, rows });
  }

  /** Drops the socket without ending the session, as a network failure would (the client then resumes). */
  drop(): void {
    this.socket?.close(4000, 'dropped');
  }

  dispose(): void {
    this.stopped = true;
    this.socket?.close(1000, 'closed by the user');
    this.setState('closed');
  }

  private send(msg: RelayMessage): void {
    if (this.socket && this.socket.readyState === OPEN && this.state === 'open') this.socket.send(JSON.stringify(msg));
  }

  private setState(state: ConnectionState, detail?: string): void {
    this.state = state;
    this.opts.onState(state, detail);
  }

  private open(first: RelayMessage): void {
    const ws = this.opts.connect(this.opts.url);
    this.socket = ws;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => ws.send(JSON.stringify(first));
    ws.onmessage = (ev) => {
      if (ws !== this.socket) return;
      if (typeof ev.data !== 'string') {
        const { seq, bytes } = binaryFrame(ev.data as ArrayBuffer);
        this.output(this.decoder.decode(bytes), seq);
        return;
      }
      let msg: RelayMessage;
      try {
        msg = JSON.parse(ev.data);
      } catch {
        return;
      }
      this.message(msg);
    };
    ws.onerror = () => {};
    ws.onclose = (ev) => {
      if (ws !== this.socket) return;
      this.socket = null;
      this.closed(ev.code, ev.reason);
    };
  }

  private message(msg: RelayMessage): void {
    switch (msg.type) {
      case 'ready':
        this.sessionId = String(msg.sessionId ?? this.sessionId);
        this.resumeToken = String(msg.resumeToken ?? this.resumeToken);
        this.attempts = 0;
        this.opts.onReady?.({ sessionId: this.sessionId, resumeToken: this.resumeToken, lastSeq: this.lastSeq });
        this.setState('open');
        if (this.size) this.send({ type: 'resize', ...this.size });
        break;
      case 'output':
        this.output(String(msg.data ?? ''), Number(msg.seq));
        break;
      case 'exit':
        this.stopped = true;
        this.opts.onExit?.(typeof msg.status === 'number' ? msg.status : null);
        break;
      case 'error':
        this.opts.onState(this.state, `${msg.code ?? 'ERROR'}: ${msg.message ?? ''}`);
        break;
      default:
        break;
    }
  }

  private output(text: string, seq: number): void {
    // A resumed stream may repeat what was already shown; the offset says where this chunk ends.
    if (Number.isFinite(seq)) {
      if (seq <= this.lastSeq) return;
      this.lastSeq = seq;
    }
    this.opts.onOutput(text);
  }

  private closed(code: number, reason: string): void {
    const final = FINAL_CLOSE_CODES[code];
    const max = this.opts.maxResumeAttempts ?? 8;
    if (this.stopped || final || !this.resumeToken || this.attempts >= max) {
      this.stopped = true;
      this.setState(
        'closed',
        final ?? (reason || (this.resumeToken ? 'could not reconnect' : 'the relay closed the connection'))
      );
      return;
    }
    this.attempts += 1;
    this.setState('reconnecting', `attempt ${this.attempts} of ${max}`);
    const wait = Math.min(5000, 250 * 2 ** (this.attempts - 1));
    (this.opts.setTimer ?? setTimeout)(() => {
      if (this.stopped) return;
      this.open({
        type: 'resume',
        sessionId: this.sessionId,
        resumeToken: this.resumeToken,
        lastSeq: this.lastSeq,
        binary: false
      });
    }, wait);
  }
}
