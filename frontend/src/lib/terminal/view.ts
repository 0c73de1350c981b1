// xterm.js on top of the relay client. Imported dynamically by the terminal page only, so no other page pays for it.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { TerminalSession } from '$lib/types';
import { RelayClient, type ConnectionState, type RelayClientOptions } from './protocol';

export interface TerminalView {
  readonly cols: number;
  readonly rows: number;
  /** The selected text, for the copy button. */
  selection(): string;
  /** Types text into the session, for the paste button. */
  paste(text: string): void;
  focus(): void;
  /** Sends keys typed on the page's key bar (Esc, Tab, arrows, Ctrl+letter) as the terminal would. */
  send(data: string): void;
  /** What re-attaching after a reload needs, as of now. */
  readonly attach: { sessionId: string; resumeToken: string; lastSeq: number } | null;
  dispose(): void;
}

/** Resolves the relay URL against the page: relative URLs become ws(s)://<this origin>/… */
export function socketUrl(url: string, base: string = window.location.href): string {
  const u = new URL(url, base);
  if (u.protocol === 'http:') u.protocol = 'ws:';
  if (u.protocol === 'https:') u.protocol = 'wss:';
  return u.toString();
}

/** An xterm sized to `host`, so the session can be opened with the right cols/rows before any socket exists. */
export function createTerminal(host: HTMLElement): { term: Terminal; fit: FitAddon } {
  const term = new Terminal({ cursorBlink: true, fontSize: 14, scrollback: 5000 });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  fit.fit();
  return { term, fit };
}

export function attachTerminal(
  host: HTMLElement,
  created: { term: Terminal; fit: FitAddon },
  session: Pick<TerminalSession, 'relayUrl' | 'ticket'>,
  onState: (state: ConnectionState, detail?: string) => void,
  more: Pick<RelayClientOptions, 'resume' | 'onReady'> = {},
  /** Changes what is typed before it is sent (the key bar's sticky Ctrl). */
  mapInput: (data: string) => string = (d) => d
): TerminalView {
  const { term, fit } = created;
  const client = new RelayClient({
    url: socketUrl(session.relayUrl),
    ticket: session.ticket,
    connect: (url) => new WebSocket(url) as never,
    onOutput: (text) => term.write(text),
    onState,
    onExit: (status) => term.writeln(`\r\n[session ended${status === null ? '' : ` with status ${status}`}]`),
    ...more
  });
  const input = term.onData((d) => client.input(mapInput(d)));
  const resize = term.onResize(({ cols, rows }) => client.resize(cols, rows));
  client.resize(term.cols, term.rows);
  client.start();
  term.focus();
  const observer = new ResizeObserver(() => fit.fit());
  observer.observe(host);

  return {
    get cols() {
      return term.cols;
    },
    get rows() {
      return term.rows;
    },
    selection: () => term.getSelection(),
    paste: (text) => term.paste(text),
    focus: () => term.focus(),
    send: (data) => {
      client.input(data);
      term.focus();
    },
    get attach() {
      return client.attach;
    },
    dispose() {
      observer.disconnect();
      input.dispose();
      resize.dispose();
      client.dispose();
      term.dispose();
    }
  };
}
