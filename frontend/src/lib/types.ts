// The wire shapes of the Xanthus API, in one place. Source: functions/api/src/main/resources/openapi.yaml
// (auth, health) and the issue texts for the routes other teams are building (servers, domains, apps).
// Fields not promised by the issue texts are optional so pages degrade instead of crashing.

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

export interface Login {
  jwt_token: string;
  account_id: string;
  email?: string;
  name?: string;
  namespace_id?: string;
  expires_at?: string;
  accounts?: Account[];
}

export interface Me {
  account_id: string;
  email?: string;
  name?: string;
  namespace_id?: string;
  token_validated_at?: string;
  session_expires_at?: string;
}

// Settings
export interface HetznerKeyStatus {
  exists: boolean;
  masked?: string | null;
}

// Servers
export type Stage =
  | 'INSTALLING'
  | 'INSTALLING_K3S'
  | 'WAITING_K3S'
  | 'INSTALLING_HELM'
  | 'VERIFYING'
  | 'READY'
  | 'FAILED'
  | string;

export const STAGES: readonly Stage[] = [
  'INSTALLING',
  'INSTALLING_K3S',
  'WAITING_K3S',
  'INSTALLING_HELM',
  'VERIFYING',
  'READY'
];

export interface Server {
  id: number | string;
  name: string;
  /** Provider power state: running, off, starting, stopping, initializing… */
  status?: string;
  public_ipv4?: string;
  ip?: string;
  server_type?: string;
  location?: string;
  hourly_rate?: number;
  monthly_rate?: number;
  accumulated_cost?: number;
  cost_so_far?: number;
  created_at?: string;
  app_count?: number;
  timezone?: string;
  provider?: string;
}

export type PowerAction = 'on' | 'off' | 'shutdown' | 'reboot';

export interface ProviderAction {
  id: number | string;
  command?: string;
  status: 'running' | 'success' | 'error' | string;
  progress?: number;
  error?: { code?: string; message?: string } | null;
}

export interface DeletedServer {
  server_id?: number | string;
  removed?: string[];
  applications?: string[];
  dns_records?: string[];
  [key: string]: unknown;
}

export interface ServerStatus {
  stage: Stage;
  message?: string;
  k3s?: string;
  uptime?: string;
  memory?: string;
  disk?: string;
}

export interface Location {
  name: string;
  city?: string;
  country?: string;
  description?: string;
  network_zone?: string;
}

export interface ServerTypeOption {
  name: string;
  description?: string;
  cores: number;
  memory: number;
  disk: number;
  architecture?: string;
  cpu_type?: 'shared' | 'dedicated' | string;
  hourly_price?: number;
  monthly_price?: number;
  available?: boolean;
}

export interface ServerOptions {
  locations: Location[];
  server_types: ServerTypeOption[];
}

export interface CreateServerRequest {
  name: string;
  location: string;
  serverType: string;
  timezone?: string;
}

export interface ServerInfo {
  info?: string;
  config?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ServerLogs {
  logs?: string;
  lines?: number;
  [key: string]: unknown;
}

export interface ServerTimezone {
  current_timezone?: string;
  config_timezone?: string;
  timezone?: string;
}

// Applications
export interface Application {
  id: string;
  name: string;
  app_type?: string;
  app_version?: string;
  subdomain?: string;
  domain?: string;
  vps_id?: string | number;
  vps_name?: string;
  status?: string;
  url?: string;
}

// Domains
export interface Domain {
  name: string;
  zone_id?: string;
  id?: string;
  status?: string;
  managed: boolean;
  configured_at?: string;
}

export interface DomainStep {
  name: string;
  status?: 'done' | 'failed' | 'skipped' | string;
  message?: string;
}

export interface DomainConfigureResult {
  domain: string;
  steps?: DomainStep[];
  [key: string]: unknown;
}

export interface DomainDetail {
  domain: string;
  managed?: boolean;
  ssl_mode?: string;
  always_use_https?: boolean;
  page_rule_created?: boolean;
  certificate_id?: string;
  configured_at?: string;
  /** What a removal would restore or delete, as human-readable lines. */
  will_restore?: string[];
  applications?: string[];
  [key: string]: unknown;
}

// Terminal (ARCHITECTURE §8): a single-use ticket for the relay, presented in the socket's first message.
export interface TerminalSession {
  sessionId?: string;
  ticket: string;
  /** Relay URL, relative (`/ws/terminal`) or absolute (`wss://…`). */
  url: string;
  expiresAt?: string;
}

/** `GET /api/v1/applications/catalog` (openapi.yaml; fields of core's CatalogApp). */
export interface CatalogApp {
  id: string;
  name: string;
  description?: string;
  category?: string;
  default_port?: number;
  features?: string[];
  documentation?: string;
}
