import type { ServerStatus } from '$lib/types';

/** What a new server says while it boots, instead of the API's "does not answer on SSH (it may be off…)". */
export const STARTING_UP = 'Starting up: the server is booting and does not answer on SSH yet.';

/** A server created this recently that does not answer is taken to be booting, not off (setup takes minutes). */
const BOOT_WINDOW_MS = 15 * 60_000;

export function recentlyCreated(createdAt: string | undefined, now = Date.now()): boolean {
  const t = createdAt ? Date.parse(createdAt) : NaN;
  return Number.isFinite(t) && now - t < BOOT_WINDOW_MS;
}

/** The status line to show: "starting up" for an unreachable server that is new or still booting. */
export function statusMessage(status: Pick<ServerStatus, 'reachable' | 'message'>, booting: boolean): string {
  return !status.reachable && booting ? STARTING_UP : status.message;
}

/** The stage to show: the server's, "starting up" while a new one does not answer yet, else "unreachable". */
export function stageText(status: Pick<ServerStatus, 'reachable' | 'stage'>, booting: boolean): string {
  if (status.reachable) return status.stage ?? 'UNKNOWN';
  return booting ? 'starting up' : 'unreachable';
}
