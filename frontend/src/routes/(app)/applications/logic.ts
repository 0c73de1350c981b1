import type { Application, CatalogApp, Job, Prerequisites, ServerChoice } from '$lib/types';

type Capacity = NonNullable<ServerChoice['capacity']>;

/**
 * Why `app` does not fit on `server`, or null when it does: its requirements plus those of the apps already there
 * (as the API checks them, 422 SERVER_TOO_SMALL) against the server type's capacity. Unknown capacity is no reason.
 */
export function fitProblem(
  app: CatalogApp,
  server: ServerChoice | undefined,
  catalog: CatalogApp[] = [],
  onServer: Application[] = []
): string | null {
  const cap: Capacity | undefined = server?.capacity;
  const req = app.requirements;
  if (!cap || !req) return null;
  const used = { cpu: 0, mem: 0, disk: 0 };
  for (const a of onServer) {
    const r = catalog.find((c) => c.id === a.app_type)?.requirements;
    if (!r) continue;
    used.cpu += r.min_cpu;
    used.mem += r.min_memory_gb;
    used.disk += r.min_disk_gb;
  }
  const short: string[] = [];
  if (req.min_cpu + used.cpu > cap.cpu) short.push(`${req.min_cpu} vCPU (${cap.cpu - used.cpu} free)`);
  if (req.min_memory_gb + used.mem > cap.memoryGb)
    short.push(`${req.min_memory_gb} GB memory (${cap.memoryGb - used.mem} GB free)`);
  if (req.min_disk_gb + used.disk > cap.diskGb)
    short.push(`${req.min_disk_gb} GB disk (${cap.diskGb - used.disk} GB free)`);
  return short.length ? `Needs ${short.join(', ')} on ${server!.name}.` : null;
}

/** `min_cpu 1 · 2 GB memory · 10 GB disk` */
export function requirementsText(app: CatalogApp): string {
  const r = app.requirements;
  if (!r) return 'No stated requirements';
  return `${r.min_cpu} vCPU · ${r.min_memory_gb} GB memory · ${r.min_disk_gb} GB disk`;
}

/** A DNS-1123 label, or empty / `@` for the apex (the API's rule). */
export function subdomainProblem(sub: string): string | null {
  if (sub === '' || sub === '@') return null;
  if (sub.length > 63) return 'At most 63 characters.';
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(sub))
    return 'Lowercase letters, digits and hyphens; start and end with a letter or digit.';
  return null;
}

/** The host an app would answer on, and whether an app already uses it. */
export function hostFor(sub: string, domain: string): string {
  return sub === '' || sub === '@' ? domain : `${sub}.${domain}`;
}

export function hostTaken(sub: string, domain: string, apps: Application[]): Application | undefined {
  const host = hostFor(sub, domain);
  return apps.find((a) => a.domain && hostFor(a.subdomain ?? '', a.domain) === host);
}

export function jobFinished(job: Job | null | undefined): boolean {
  return job?.status === 'succeeded' || job?.status === 'failed';
}

/**
 * Whether a followed job is over. After a retry the API answers 202 before the worker picks the job up, so the old
 * failed attempt is still what a read returns for a moment: a retried job is over only once a later attempt finished.
 */
export function jobOver(job: Job, retriedFrom = 0): boolean {
  return jobFinished(job) && job.attempt > retriedFrom;
}

/** The step a failed job stopped at, with its message, for the error line. */
export function jobFailure(job: Job): string {
  const step = job.steps.find((s) => s.state === 'FAILED');
  return step ? `${stepLabel(step.name)}: ${step.message ?? job.error ?? 'failed'}` : (job.error ?? 'The job failed.');
}

/** The steps of the server's jobs (core `AppJobs`, `ServerJobs`) as a person would name them. */
const STEP_LABELS: Record<string, string> = {
  namespace: 'Create the namespace',
  chart: 'Fetch the chart',
  values: 'Write the settings',
  helm: 'Install with Helm',
  tls_secret: 'Install the TLS certificate',
  dns_record: 'Point the DNS record at the server',
  credentials: 'Read the credentials',
  helm_uninstall: 'Uninstall with Helm',
  namespace_objects: 'Remove certificates, port-forwards and data',
  dns_records: 'Remove the DNS records',
  kv_records: 'Forget the app',
  'wait-terminated': 'Wait for Oracle Cloud to end the instance',
  'remove-network': 'Remove the network',
  connect: 'Connect over SSH',
  'root-access': 'Check root access',
  install: 'Install K3s and Helm',
  'wait-ready': 'Wait until the server is ready'
};

/** What a job step is called on screen: a known step by its name, another one `install_chart` → `Install chart`. */
export function stepLabel(name: string): string {
  if (STEP_LABELS[name]) return STEP_LABELS[name];
  const s = name.replace(/[_-]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * What the empty list says, from what was loaded: only the missing prerequisites are named; with a ready server and a
 * managed domain it invites deploying. `missing` lists what to set up first ('server', 'domain').
 */
export function emptyAdvice(p: Pick<Prerequisites, 'servers' | 'domains'>): { ready: boolean; missing: string[] } {
  const missing = [...(p.servers.length ? [] : ['server']), ...(p.domains.length ? [] : ['domain'])];
  return { ready: missing.length === 0, missing };
}
