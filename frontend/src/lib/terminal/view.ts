// xterm.js and the relay protocol. Imported dynamically by the terminal page only, so no other page pays for it.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import type { TerminalSession } from '$lib/types';

export interface TerminalView {
  dispose(): void;
}

/** Resolves the relay URL against the page: relative URLs become ws(s)://<this origin>/… */
export function socketUrl(url: string, base: string = window.location.href): string {
  const u = new URL(url, base);
  if (u.protocol === 'http:') u.protocol = 'ws:';
  if (u.protocol === 'https:') u.protocol = 'wss:';
  return u.toString();
}

export function mountTerminal(host: HTMLElement, session: TerminalSession): TerminalView {
  const term = new Terminal({ cursorBlink: true, fontSize: 14, convertEol: false, scrollback: 5000 });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(host);
  fit.fit();
  term.writeln('Connecting…');

  const ws = new WebSocket(socketUrl(session.url));
  ws.binaryType = 'arraybuffer';
  const encoder = new TextEncoder();
  const send = (msg: object) => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify(msg));

  ws.onopen = () => {
    send({ type: 'auth', ticket: session.ticket, cols: term.cols, rows: term.rows });
    term.focus();
  };
  ws.onmessage = (ev) => {
    if (typeof ev.data === 'string') term.write(ev.data);
    else term.write(new Uint8Array(ev.data as ArrayBuffer));
  };
  ws.onclose = (ev) => term.writeln(`\r\n[connection closed${ev.reason ? `: ${ev.reason}` : ''}]`);

  const input = term.onData((d) => ws.readyState === WebSocket.OPEN && ws.send(encoder.encode(d)));
  const resize = term.onResize(({ cols, rows }) => send({ type: 'resize', cols, rows }));
  const observer = new ResizeObserver(() => fit.fit());
  observer.observe(host);

  return {
    dispose() {
      observer.disconnect();
      input.dispose();
      resize.dispose();
      ws.close();
      term.dispose();
    }
  };
}
