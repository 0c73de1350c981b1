import { day } from '$lib/format';
import type { ServerTypeOption, Stage } from '$lib/types';

/** The stages a new server goes through, in order (CONFIGURING_TLS is only reported by some images). */
export const STAGES: readonly Stage[] = [
  'INSTALLING',
  'INSTALLING_K3S',
  'WAITING_K3S',
  'INSTALLING_HELM',
  'VERIFYING',
  'READY'
];

export type SortKey = 'price_asc' | 'price_desc' | 'cpu_asc' | 'cpu_desc' | 'memory_asc' | 'memory_desc';

export interface TypeFilter {
  architecture: '' | 'x86' | 'arm';
  cpu: '' | 'shared' | 'dedicated';
  sort: SortKey;
}

const price = (t: ServerTypeOption) => t.monthly_total ?? t.monthly_gross ?? Number.POSITIVE_INFINITY;

/** Filters and sorts server types the way the API is asked to, so the list is right even from an older server. */
export function arrange(types: ServerTypeOption[], f: TypeFilter): ServerTypeOption[] {
  const [field, dir] = f.sort.split('_') as ['price' | 'cpu' | 'memory', 'asc' | 'desc'];
  const key =
    field === 'price'
      ? price
      : field === 'cpu'
        ? (t: ServerTypeOption) => t.cores
        : (t: ServerTypeOption) => t.memory_gb;
  return types
    .filter((t) => !f.architecture || (t.architecture ?? 'x86') === f.architecture)
    .filter((t) => !f.cpu || (t.cpu_type ?? 'shared') === f.cpu)
    .toSorted((a, b) => (dir === 'asc' ? 1 : -1) * (key(a) - key(b)) || a.name.localeCompare(b.name));
}

/** Why a listed type cannot be chosen, e.g. `Deprecated — Hetzner stopped selling it after 1 Jan 2026`. */
export function unavailableReason(t: ServerTypeOption, now: Date = new Date()): string {
  if (t.deprecated || t.reason === 'deprecated') {
    if (!t.unavailable_after) return 'Deprecated by Hetzner';
    const after = new Date(t.unavailable_after);
    const when = day(after, true);
    return after <= now
      ? `Deprecated — Hetzner stopped selling it after ${when}`
      : `Deprecated — Hetzner sells it until ${when}`;
  }
  return 'Not available in this location right now';
}

export type StageState = 'done' | 'current' | 'pending' | 'failed';

/** Where each cloud-init stage stands given the server's current stage. */
export function stageStates(current: Stage | undefined): { stage: Stage; state: StageState }[] {
  const failed = current === 'FAILED';
  // CONFIGURING_TLS comes between VERIFYING and READY on images that report it.
  const index = current === 'CONFIGURING_TLS' ? STAGES.indexOf('READY') : current ? STAGES.indexOf(current) : -1;
  return STAGES.map((stage, i) => ({
    stage,
    state:
      current === 'READY'
        ? 'done'
        : failed
          ? i === 0
            ? 'failed'
            : 'pending'
          : i < index
            ? 'done'
            : i === index
              ? 'current'
              : 'pending'
  }));
}

export const STAGE_LABELS: Record<string, string> = {
  INSTALLING: 'Installing packages',
  INSTALLING_K3S: 'Installing K3s',
  WAITING_K3S: 'Waiting for K3s to be ready',
  INSTALLING_HELM: 'Installing Helm',
  VERIFYING: 'Verifying the cluster',
  CONFIGURING_TLS: 'Configuring TLS',
  READY: 'Ready'
};
