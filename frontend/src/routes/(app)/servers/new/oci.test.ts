import { describe, expect, it } from 'vitest';
import { ApiError } from '$lib/api';
import type { OciShape } from '$lib/types';
import {
  arrangeShapes,
  clamp,
  defaultShape,
  ipProblem,
  nameCheckOutcome,
  shapeDefaults,
  shapeRange,
  shapeSummary,
  sizeProblem,
  sshUserProblem,
  withinFree
} from './oci';

const a1: OciShape = {
  name: 'VM.Standard.A1.Flex',
  architecture: 'arm64',
  flexible: true,
  always_free: true,
  ocpus: { min: 1, max: 4, default: 4 },
  memory_gb: { min: 1, max: 24, default: 24 }
};
const micro: OciShape = {
  name: 'VM.Standard.E2.1.Micro',
  architecture: 'x86',
  flexible: false,
  always_free: true,
  ocpus: { min: 1, max: 1, default: 1 },
  memory_gb: { min: 1, max: 1, default: 1 }
};
const e4: OciShape = {
  name: 'VM.Standard.E4.Flex',
  architecture: 'x86',
  flexible: true,
  always_free: false,
  ocpus: { min: 1, max: 64, default: 1 },
  memory_gb: { min: 1, max: 1024, default: 16 }
};

describe('shapes', () => {
  it('lists Always-Free first, flexible before fixed, and starts on A1.Flex', () => {
    expect(arrangeShapes([e4, micro, a1]).map((s) => s.name)).toEqual([a1.name, micro.name, e4.name]);
    expect(defaultShape([e4, micro, a1])).toBe(a1);
    expect(defaultShape([])).toBeUndefined();
  });

  it('starts at the Always-Free maxima, inside the bounds', () => {
    expect(shapeDefaults(a1)).toEqual({ ocpus: 4, memoryGb: 24 });
    expect(shapeDefaults({ ...a1, ocpus: { min: 1, max: 2, default: 4 } })).toEqual({ ocpus: 2, memoryGb: 24 });
  });

  it('clamps to the bounds', () => {
    expect(clamp(9, a1.ocpus)).toBe(4);
    expect(clamp(0, a1.ocpus)).toBe(1);
    expect(clamp(Number.NaN, a1.memory_gb)).toBe(1);
  });

  it('checks OCPUs and memory against the shape', () => {
    expect(sizeProblem(4, a1.ocpus, 'OCPUs')).toBeNull();
    expect(sizeProblem(5, a1.ocpus, 'OCPUs')).toBe('Between 1 and 4 OCPUs for this shape.');
    expect(sizeProblem(0, a1.memory_gb, 'memory')).toBe('Between 1 and 24 GB for this shape.');
    expect(sizeProblem(1.5, a1.ocpus, 'OCPUs')).toBe('Use a whole number.');
    expect(sizeProblem(null, a1.ocpus, 'OCPUs')).toBe('Enter the number of OCPUs.');
    expect(sizeProblem(2, micro.memory_gb, 'memory')).toBe('This shape has exactly 1 GB.');
  });

  it('knows the Always-Free allowance', () => {
    expect(withinFree(a1, 4, 24)).toBe(true);
    expect(withinFree(a1, 2, 12)).toBe(true);
    expect(withinFree({ ...a1, ocpus: { min: 1, max: 80, default: 4 } }, 8, 24)).toBe(false);
    expect(withinFree(e4, 1, 16)).toBe(false);
  });

  it('summarises a size', () => {
    expect(shapeSummary(a1)).toBe('4 OCPUs · 24 GB · Arm (arm64)');
    expect(shapeSummary(micro)).toBe('1 OCPU · 1 GB · x86');
    expect(shapeSummary(a1, 2, 12)).toBe('2 OCPUs · 12 GB · Arm (arm64)');
    expect(shapeRange(a1)).toBe('1–4 OCPUs · 1–24 GB');
    expect(shapeRange(micro)).toBe('1 OCPU · 1 GB');
  });
});

describe('an existing VM', () => {
  it('wants a public IPv4 address', () => {
    expect(ipProblem('203.0.113.10')).toBeNull();
    expect(ipProblem(' 129.159.1.2 ')).toBeNull();
    expect(ipProblem('')).toMatch(/Enter/);
    expect(ipProblem('256.1.1.1')).toMatch(/looks like/);
    expect(ipProblem('2001:db8::1')).toMatch(/looks like/);
    for (const ip of ['10.0.0.5', '172.16.0.1', '192.168.1.1', '127.0.0.1', '169.254.169.254'])
      expect(ipProblem(ip)).toMatch(/private/);
    expect(ipProblem('172.32.0.1')).toBeNull();
  });

  it('wants a normal Linux user', () => {
    expect(sshUserProblem('ubuntu')).toBeNull();
    expect(sshUserProblem('opc')).toBeNull();
    expect(sshUserProblem('')).toMatch(/Enter/);
    expect(sshUserProblem('root')).toMatch(/not root/);
    expect(sshUserProblem('Bad User')).toMatch(/Linux user name/);
  });
});

describe('nameCheckOutcome', () => {
  it('reads the name check’s failures', () => {
    expect(nameCheckOutcome(new ApiError(409, 'NAME_TAKEN', 'taken'))).toBe('taken');
    expect(nameCheckOutcome(new ApiError(400, 'INVALID_NAME', 'bad'))).toBe('invalid');
    // An OCI-only account has no Hetzner key to list servers with: the name is checked on create instead.
    expect(nameCheckOutcome(new ApiError(409, 'HETZNER_KEY_REQUIRED', 'no key'))).toBe('unchecked');
    expect(nameCheckOutcome(new ApiError(404, 'ROUTE_NOT_FOUND', 'no route'))).toBe('unchecked');
    expect(nameCheckOutcome(new ApiError(502, 'HETZNER_UNAVAILABLE', 'down'))).toBe('error');
    expect(nameCheckOutcome(new Error('x'))).toBe('error');
  });
});
