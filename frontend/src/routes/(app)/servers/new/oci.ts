// Oracle Cloud branch of the wizard: shapes, their OCPU/memory bounds, and the "existing VM" form's checks.
import { ApiError } from '$lib/api';
import type { OciRange, OciShape } from '$lib/types';

/** Always-Free shapes first, then flexible before fixed, then by name. */
export function arrangeShapes(shapes: OciShape[]): OciShape[] {
  return shapes.toSorted(
    (a, b) =>
      Number(b.always_free) - Number(a.always_free) ||
      Number(b.flexible) - Number(a.flexible) ||
      a.name.localeCompare(b.name)
  );
}

/** The shape picked first: the first Always-Free flexible one (A1.Flex), else the first listed. */
export function defaultShape(shapes: OciShape[]): OciShape | undefined {
  return arrangeShapes(shapes)[0];
}

/** The size a shape starts with: its defaults (the Always-Free maxima for A1.Flex), inside its bounds. */
export function shapeDefaults(shape: OciShape): { ocpus: number; memoryGb: number } {
  return { ocpus: clamp(shape.ocpus.default, shape.ocpus), memoryGb: clamp(shape.memory_gb.default, shape.memory_gb) };
}

export function clamp(value: number, range: Pick<OciRange, 'min' | 'max'>): number {
  if (!Number.isFinite(value)) return range.min;
  return Math.min(range.max, Math.max(range.min, value));
}

/** What is wrong with an OCPU or memory figure for this shape, or null. Whole numbers only. */
export function sizeProblem(
  value: number | null | undefined,
  range: OciRange,
  what: 'OCPUs' | 'memory'
): string | null {
  const unit = what === 'OCPUs' ? ' OCPUs' : ' GB';
  if (value === null || value === undefined || Number.isNaN(value))
    return `Enter the ${what === 'OCPUs' ? 'number of OCPUs' : 'memory in GB'}.`;
  if (!Number.isInteger(value)) return 'Use a whole number.';
  if (range.min === range.max && value !== range.min) return `This shape has exactly ${range.min}${unit}.`;
  if (value < range.min || value > range.max) return `Between ${range.min} and ${range.max}${unit} for this shape.`;
  return null;
}

/** A one-line size, e.g. "4 OCPUs · 24 GB · Arm (arm64)". */
export function shapeSummary(shape: OciShape, ocpus?: number, memoryGb?: number): string {
  const o = ocpus ?? shape.ocpus.default;
  const m = memoryGb ?? shape.memory_gb.default;
  const arch = shape.architecture === 'arm64' ? 'Arm (arm64)' : (shape.architecture ?? 'x86');
  return `${o} OCPU${o === 1 ? '' : 's'} · ${m} GB · ${arch}`;
}

/** What a shape offers, e.g. "1–4 OCPUs · 1–24 GB" (flexible) or "1 OCPU · 1 GB" (fixed). */
export function shapeRange(shape: OciShape): string {
  const span = (r: OciRange) => (r.min === r.max ? `${r.min}` : `${r.min}–${r.max}`);
  return `${span(shape.ocpus)} OCPU${shape.ocpus.max === 1 ? '' : 's'} · ${span(shape.memory_gb)} GB`;
}

/** Whether a size stays inside the Always-Free allowance (the shape's default is its Always-Free maximum). */
export function withinFree(shape: OciShape, ocpus: number, memoryGb: number): boolean {
  return shape.always_free && ocpus <= shape.ocpus.default && memoryGb <= shape.memory_gb.default;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const USER = /^[a-z_][a-z0-9_-]{0,31}$/;

/** The public IPv4 address of an existing VM: dotted quad, not private, loopback or link-local. */
export function ipProblem(ip: string): string | null {
  const v = ip.trim();
  if (!v) return 'Enter the VM’s public IPv4 address.';
  if (!IPV4.test(v)) return 'An IPv4 address looks like 203.0.113.10.';
  const [a, b] = v.split('.').map(Number);
  if (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254)
  ) {
    return 'This is a private address; Xanthus needs the VM’s public IP.';
  }
  return null;
}

/** A Linux user name (OCI images: `ubuntu` on Ubuntu, `opc` on Oracle Linux). */
export function sshUserProblem(user: string): string | null {
  const v = user.trim();
  if (!v) return 'Enter the SSH user.';
  if (v === 'root') return 'Use the image’s normal user (ubuntu or opc) with passwordless sudo, not root.';
  return USER.test(v) ? null : 'A Linux user name: lowercase letters, digits, "_" and "-", starting with a letter.';
}

export type NameCheck = 'taken' | 'invalid' | 'unchecked' | 'error';

/**
 * How a failed `POST /vps/validate-name` reads. The check lists Hetzner's servers: without a Hetzner key (an
 * OCI-only account) or without the route it cannot answer, and the name is checked again when the server is made.
 */
export function nameCheckOutcome(e: unknown): NameCheck {
  if (!(e instanceof ApiError)) return 'error';
  if (e.notImplemented || e.code === 'HETZNER_KEY_REQUIRED' || e.code === 'HETZNER_KEY_UNREADABLE') return 'unchecked';
  if (e.status === 409) return 'taken';
  if (e.status === 400) return 'invalid';
  return 'error';
}
