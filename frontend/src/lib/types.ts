// The wire shapes of the Xanthus API, in one place. Source: functions/api/src/main/resources/openapi.yaml and the
// records the controllers return (functions/core/.../{server,dns,app,job}, functions/api/.../{vps,dns,apps,jobs}).
// The API omits null fields (spring.jackson.default-property-inclusion=non_null): a field that can be null is
// optional here. Every list route answers a bare array in `data`.

export interface SuccessBody<T> {
  status: 'success';
  data: T;
}

export interface ErrorBody {
  status: 'error';
  error: { code: string; message: string; details?: Record<string, unknown> };
  requestId?: string;
}

export interface Health {
  status: 'ok' | 'degraded';
  version: string;
  checks: Record<string, 'ok' | 'failing'>;
}

export interface Account {
  id: string;
  name: string;
}

// The token check (`permissions` of `POST /api/auth/login`, `GET /api/auth/permissions`): harmless reads, so `ok`
// means read access was checked (a read cannot prove Edit); `missing` means Cloudflare refused the read with 403.
export type PermissionStatus = 'ok' | 'missing' | 'unknown' | 'no_zone';

export interface TokenPermission {
  id: string;
  /** As the Cloudflare dashboard names it, e.g. "Zone · DNS: Edit". */
  name: string;
  status: PermissionStatus;
  reason?: string;
}

export interface Login {
  jwt_token: string;
  account_id: string;
  email?: string;
  name?: string;
  namespace_id?: string;
  expires_at?: string;
  accounts?: Account[];
  permissions?: TokenPermission[];
}

export interface Me {
  account_id: string;
  email?: string;
  name?: string;
  namespace_id?: string;
  token_validated_at?: string;
  session_expires_at?: string;
}

// Settings (HetznerKeys.Status)
export interface HetznerKeyStatus {
  exists: boolean;
  masked?: string;
  /** Told by a write that changes nothing; absent without a key. */
  access?: 'read_write' | 'read_only' | 'unknown';
}

// Settings: Oracle Cloud (`GET|PUT|DELETE /api/v1/settings/oci`); the private key never comes back.
export interface OciStatus {
  configured: boolean;
  tenancy?: string;
  user?: string;
  fingerprint?: string;
  region?: string;
  home_region?: string;
}

/** `PUT /api/v1/settings/oci`: `private_key` is the PEM text of the API signing key. */
export interface OciCredentials {
  tenancy: string;
  user: string;
  fingerprint: string;
  region: string;
  private_key: string;
}

// Servers: cloud-init stages (ServerShell.STAGE_MESSAGES), UNKNOWN before setup reports anything.
export type Stage =
  | 'INSTALLING'
  | 'INSTALLING_K3S'
  | 'WAITING_K3S'
  | 'INSTALLING_HELM'
  | 'VERIFYING'
  | 'CONFIGURING_TLS'
  | 'READY'
  | 'FAILED'
  | 'UNKNOWN'
  | string;

/** The stages a new server goes through, in order (CONFIGURING_TLS is only reported by some images). */
export const STAGES: readonly Stage[] = [
  'INSTALLING',
  'INSTALLING_K3S',
  'WAITING_K3S',
  'INSTALLING_HELM',
  'VERIFYING',
  'READY'
];

export type Provider = 'hetzner' | 'oci';

/** `GET /api/v1/vps`, `GET /api/v1/vps/{id}` (core ServerView, snake_case). */
export interface Server {
  id: number;
  name: string;
  /**
   * The provider's power state in Hetzner's words (running, off, starting, stopping, initializing, deleting; OCI's
   * are mapped onto them) or `missing` (in KV, gone at the provider).
   */
  status: string;
  /** Absent from servers that predate Oracle Cloud support: those are Hetzner's. */
  provider?: Provider | string;
  ipv4?: string;
  ipv6?: string;
  server_type?: string;
  location?: string;
  architecture?: string;
  created_at?: string;
  timezone?: string;
  hourly_rate?: number;
  monthly_rate?: number;
  cost_so_far?: number;
  app_count: number;
  config_in_kv: boolean;
}

/** KV `vps:<id>:config` (core VpsConfig, the Go program's schema). */
export interface VpsConfig {
  server_id: number;
  name?: string;
  server_type?: string;
  location?: string;
  public_ipv4?: string;
  created_at?: string;
  ssh_key_name?: string;
  ssh_user?: string;
  ssh_port?: number;
  hourly_rate?: number;
  monthly_rate?: number;
  timezone?: string;
  provider?: string;
  provider_instance_id?: string;
  architecture?: string;
  host_key_fingerprint?: string;
}

/** `POST /api/v1/vps` → 201 (ServerService.Created). */
export interface CreatedServer {
  server: Server;
  config: VpsConfig;
}

export type PowerAction = 'on' | 'off' | 'shutdown' | 'reboot';

/** `POST /vps/{id}/power` → 202, `GET /vps/{id}/actions/{actionId}` (ServerService.ActionView). */
export interface ProviderAction {
  id: number;
  command?: string;
  status: 'running' | 'success' | 'error' | string;
  progress: number;
  started?: string;
  finished?: string;
  error_code?: string;
  error_message?: string;
}

/** `DELETE /api/v1/vps/{id}` (ServerService.Deleted). */
export interface DeletedServer {
  id: number;
  server_deleted: boolean;
  config_deleted: boolean;
  apps_deleted: string[];
  dns_records_deleted: string[];
  kv_keys_deleted: string[];
  /** OCI: the network Xanthus made for the instance (`vcn xanthus`, …); absent or empty for Hetzner. */
  network_deleted?: string[];
}

/** `GET /vps/{id}/status` (ServerShell.Status); `reachable: false` leaves only `message` and `checked_at`. */
export interface ServerStatus {
  reachable: boolean;
  stage?: Stage;
  message?: string;
  /** READY and K3s active. */
  ready: boolean;
  k3s?: string;
  uptime?: string;
  memory?: { total_mb: number; used_mb: number; available_mb: number };
  disk?: { size: string; used: string; available: string; use_percent: string };
  checked_at?: string;
}

/** ServerOptions.LocationOption. */
export interface Location {
  name: string;
  description?: string;
  city?: string;
  country?: string;
  network_zone?: string;
}

/** ServerOptions.TypeOption: gross EUR prices; the `*_total` ones include the primary IPv4. */
export interface ServerTypeOption {
  name: string;
  description?: string;
  cores: number;
  memory_gb: number;
  disk_gb: number;
  architecture?: string;
  cpu_type?: 'shared' | 'dedicated' | string;
  hourly_gross?: number;
  monthly_gross?: number;
  ipv4_hourly?: number;
  ipv4_monthly?: number;
  hourly_total?: number;
  monthly_total?: number;
  /** false for `unavailable_types`: listed by Hetzner in the location but never created by Xanthus. */
  available?: boolean;
  deprecated?: boolean;
  /** ISO date after which Hetzner stops (or stopped) selling a deprecated type. */
  unavailable_after?: string | null;
  reason?: 'deprecated' | 'unavailable' | string | null;
}

/**
 * `GET /api/v1/vps/options`: the types are those of `location` (the requested one, or the first); `server_types` can be
 * created, `unavailable_types` are shown as such but cannot be chosen (deprecated, or sold out there for now).
 */
export interface ServerOptions {
  locations: Location[];
  location?: string;
  server_types: ServerTypeOption[];
  unavailable_types?: ServerTypeOption[];
}

export interface CreateServerRequest {
  provider?: 'hetzner';
  name: string;
  location: string;
  serverType: string;
  timezone?: string;
}

/** A bounded quantity of an OCI shape (OCPUs, GB of memory); fixed shapes have min = max. */
export interface OciRange {
  min: number;
  max: number;
  default: number;
}

/** `GET /api/v1/vps/oci/options`: the shapes of the credentials' region. */
export interface OciShape {
  name: string;
  architecture?: 'arm64' | 'x86' | string;
  flexible: boolean;
  always_free: boolean;
  ocpus: OciRange;
  memory_gb: OciRange;
}

export interface OciOptions {
  region: string;
  shapes: OciShape[];
}

/** `POST /api/v1/vps` for Oracle Cloud (camelCase like Hetzner's body). */
export interface CreateOciServerRequest {
  provider: 'oci';
  name: string;
  shape: string;
  ocpus: number;
  memoryGb: number;
  timezone?: string;
}

/** `POST /api/v1/vps/oci/existing`: K3s is installed over SSH as `user` (the account's key, passwordless sudo). */
export interface ExistingOciRequest {
  name: string;
  ip: string;
  user: string;
  timezone?: string;
}

/** `POST /api/v1/vps/oci/existing` → 202. */
export interface AdoptedServer {
  server: Server;
  job: Job;
}

/** `GET /vps/{id}/info` (ServerShell.Info). */
export interface ServerInfo {
  id: number;
  hostname?: string;
  info?: string;
  config?: VpsConfig;
}

/** `GET /vps/{id}/logs` (ServerShell.Logs). */
export interface ServerLogs {
  lines: number;
  journal?: string;
  k3s_status?: string;
}

/** `GET /vps/{id}/k3s-logs` (ServerShell.K3sLogs). */
export interface K3sLogs {
  lines: number;
  logs?: string;
}

/** `GET|PUT /vps/{id}/timezone` (ServerShell.TimeZone): what the server says, and what KV has. */
export interface ServerTimezone {
  current?: string;
  configured?: string;
}

// Applications: KV `app:<id>` (core app.Application; `GET /vps/{id}/applications` returns its AppRecord subset).
export interface Application {
  id: string;
  name: string;
  description?: string;
  app_type?: string;
  app_version?: string;
  subdomain?: string;
  domain?: string;
  vps_id?: string;
  vps_name?: string;
  namespace?: string;
  /** creating, running, updating, deleting, failed */
  status?: string;
  error_msg?: string;
  url?: string;
  created_at?: string;
  updated_at?: string;
  chart_name?: string;
  chart_version?: string;
  job_id?: string;
}

/** `POST /applications`, `POST /applications/{id}/upgrade`, `DELETE /applications/{id}` → 202 (camelCase). */
export interface AcceptedJob {
  application: Application;
  jobId: string;
  /** Set when a deploy could not check whether the app fits (the server's size is unknown). */
  capacityNote?: string | null;
}

export interface CreateApplicationRequest {
  name: string;
  description?: string;
  appType: string;
  subdomain: string;
  domain: string;
  vpsId: string;
  version?: string;
}

/** `GET /applications/prerequisites` (ApplicationService.Prerequisites, camelCase). */
export interface ServerChoice {
  id: number;
  name: string;
  serverType?: string;
  ipv4?: string;
  capacity?: { cpu: number; memoryGb: number; diskGb: number };
}

export interface Prerequisites {
  domains: string[];
  servers: ServerChoice[];
  catalog: CatalogApp[];
}

export interface AppPassword {
  appId: string;
  password: string;
}

export interface AppToken {
  appId: string;
  token: string;
  serviceAccount?: string;
  durationSeconds: number;
  expiresAt?: string;
}

export interface PortForward {
  id: string;
  app_id?: string;
  port: number;
  subdomain?: string;
  domain?: string;
  url?: string;
  service_name?: string;
  ingress_name?: string;
  created_at?: string;
}

/** `GET /api/v1/applications/catalog` (core CatalogApp: mixed naming, as the Go YAML has it). */
export interface CatalogApp {
  id: string;
  name: string;
  description?: string;
  icon?: string;
  category?: string;
  default_port?: number;
  requirements?: { min_cpu: number; min_memory_gb: number; min_disk_gb: number };
  features?: string[];
  documentation?: string;
  metadata?: Record<string, string>;
}

/** `GET /api/v1/applications/versions/{appType}` (ReleasesClient.Release), newest first. */
export interface AppRelease {
  version: string;
  appVersion?: string;
}

// Jobs (`GET /api/v1/jobs/{id}`: JobsController.JobView, camelCase; states lower-case, steps upper-case)
export type JobStatus = 'pending' | 'running' | 'succeeded' | 'failed';
export type JobStepState = 'PENDING' | 'RUNNING' | 'DONE' | 'FAILED';

export interface JobStep {
  name: string;
  state: JobStepState;
  startedAt?: string;
  finishedAt?: string;
  message?: string;
}

export interface Job {
  id: string;
  kind: string;
  subjectId?: string;
  status: JobStatus;
  progress: number;
  steps: JobStep[];
  error?: string;
  attempt: number;
  createdAt?: string;
  updatedAt?: string;
}

// Domains
/** `GET /api/v1/dns/domains` (DomainService.DomainSummary). */
export interface Domain {
  name: string;
  zone_id: string;
  status?: string;
  managed: boolean;
  ssl_mode?: 'off' | 'flexible' | 'full' | 'strict' | string;
  always_use_https: boolean;
  certificate_expires_at?: string;
}

/** `POST /dns/configure`, `GET /dns/{domain}` (DomainService.DomainView, no private key). */
export interface ManagedDomain {
  domain: string;
  zone_id: string;
  certificate_id?: string;
  certificate?: string;
  certificate_expires_at?: string;
  configured_at?: string;
  ssl_mode?: string;
  always_use_https: boolean;
  page_rule_created: boolean;
  /** Null for records the Go program wrote. */
  previous_ssl_mode?: string;
  previous_always_use_https?: string;
}

/** `DELETE /dns/{domain}` (DomainService.Removal). */
export interface DomainRemoval {
  domain: string;
  ssl_mode?: string;
  always_use_https?: string;
  certificate_revoked: boolean;
  page_rule_deleted: boolean;
  applications_left: string[];
}

// Terminal: `POST /api/v1/terminal/sessions {vpsId, cols, rows, record?}` → 201 (core terminal.TerminalService.Opened).
export interface TerminalSession {
  sessionId: string;
  /** `<RELAY_PUBLIC_URL>/terminal/<sessionId>`, e.g. `wss://example.com/ws/terminal/…`; relative URLs also work. */
  relayUrl: string;
  /** Single use, short-lived; presented in the socket's first message. */
  ticket: string;
  expiresAt?: string;
}

/** `GET /api/v1/terminal/sessions`: the account's sessions as the relays record them (core terminal.TerminalSession). */
export interface TerminalSessionInfo {
  sessionId: string;
  serverId?: string;
  state: 'LIVE' | 'TERMINATED' | string;
  startedAt?: string;
  lastActivityAt?: string;
  bytesIn?: number;
  bytesOut?: number;
  recordingAvailable?: boolean;
  terminateRequested?: boolean;
}
