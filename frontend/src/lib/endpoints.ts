// Typed calls, one per route of the route table; pages use these, never paths.
import { api, download } from './api';
import type {
  AcceptedJob,
  AdoptedServer,
  AppPassword,
  AppRelease,
  AppToken,
  Application,
  CatalogApp,
  CreateApplicationRequest,
  CreateOciServerRequest,
  CreateServerRequest,
  CreatedServer,
  ExistingOciRequest,
  DeletedServer,
  Domain,
  DomainRemoval,
  Health,
  HetznerKeyStatus,
  Job,
  K3sLogs,
  MetricsRange,
  Login,
  ManagedDomain,
  Me,
  OciCredentials,
  OciOptions,
  OciStatus,
  PortForward,
  PowerAction,
  Prerequisites,
  ProviderAction,
  Server,
  ServerInfo,
  ServerMetrics,
  ServerLogs,
  ServerOptions,
  ServerStatus,
  ServerTimezone,
  TerminalSession,
  TerminalSessionInfo,
  TokenPermission
} from './types';

const enc = encodeURIComponent;
type Id = number | string;
const vps = (id: Id) => `/api/v1/vps/${enc(String(id))}`;
const app = (id: string) => `/api/v1/applications/${enc(id)}`;

export const auth = {
  login: (token: string, accountId?: string) =>
    api.post<Login>('/api/auth/login', accountId ? { token, accountId } : { token }, { auth: false }),
  me: () => api.get<Me>('/api/auth/me'),
  /** The token check afresh (five Cloudflare reads). */
  permissions: () => api.get<{ permissions: TokenPermission[] }>('/api/auth/permissions'),
  logout: () => api.post<unknown>('/api/auth/logout'),
  /** Ends a session the browser never kept (the first one, when the user then picks another account). */
  end: (jwt: string) => api.post<unknown>('/api/auth/logout', undefined, { auth: false, bearer: jwt })
};

export const health = () => api.get<Health>('/health', { auth: false });

export const settings = {
  /** `access: true` costs one Hetzner call (read-only vs read & write): the settings page asks, the dashboard does not. */
  hetzner: (access = false) =>
    api.get<HetznerKeyStatus>('/api/v1/settings/hetzner', access ? { query: { access: true } } : undefined),
  putHetzner: (key: string) => api.put<HetznerKeyStatus>('/api/v1/settings/hetzner', { key }),
  removeHetzner: () => api.del<{ deleted: boolean }>('/api/v1/settings/hetzner'),
  oci: () => api.get<OciStatus>('/api/v1/settings/oci'),
  putOci: (credentials: OciCredentials) => api.put<OciStatus>('/api/v1/settings/oci', credentials),
  removeOci: () => api.del<OciStatus>('/api/v1/settings/oci')
};

export const servers = {
  list: () => api.get<Server[]>('/api/v1/vps'),
  get: (id: Id) => api.get<Server>(vps(id)),
  power: (id: Id, action: PowerAction) => api.post<ProviderAction>(`${vps(id)}/power`, { action }),
  action: (id: Id, actionId: number) => api.get<ProviderAction>(`${vps(id)}/actions/${enc(String(actionId))}`),
  remove: (id: Id) => api.del<DeletedServer>(vps(id)),
  options: (q: { location?: string; architecture?: string; cpu_type?: string; sort?: string }) =>
    api.get<ServerOptions>('/api/v1/vps/options', { query: q }),
  validateName: (name: string, signal?: AbortSignal) =>
    api.post<{ name: string; available: boolean }>('/api/v1/vps/validate-name', { name }, { signal }),
  create: (req: CreateServerRequest | CreateOciServerRequest) => api.post<CreatedServer>('/api/v1/vps', req),
  ociOptions: () => api.get<OciOptions>('/api/v1/vps/oci/options'),
  addExistingOci: (req: ExistingOciRequest) => api.post<AdoptedServer>('/api/v1/vps/oci/existing', req),
  status: (id: Id) => api.get<ServerStatus>(`${vps(id)}/status`),
  info: (id: Id) => api.get<ServerInfo>(`${vps(id)}/info`),
  metrics: (id: Id, range: MetricsRange) => api.get<ServerMetrics>(`${vps(id)}/metrics`, { query: { range } }),
  logs: (id: Id, lines: number) => api.get<ServerLogs>(`${vps(id)}/logs`, { query: { lines } }),
  k3sLogs: (id: Id, lines: number) => api.get<K3sLogs>(`${vps(id)}/k3s-logs`, { query: { lines } }),
  timezones: () => api.get<string[]>('/api/v1/vps/timezones'),
  timezone: (id: Id) => api.get<ServerTimezone>(`${vps(id)}/timezone`),
  setTimezone: (id: Id, timezone: string) => api.put<ServerTimezone>(`${vps(id)}/timezone`, { timezone }),
  applications: (id: Id) => api.get<Application[]>(`${vps(id)}/applications`),
  publicKey: () => api.get<{ public_key: string }>('/api/v1/vps/ssh-key'),
  downloadKey: () => download('/api/v1/vps/ssh-key/private', 'xanthus-key.pem')
};

export const applications = {
  list: () => api.get<Application[]>('/api/v1/applications'),
  get: (id: string) => api.get<Application>(app(id)),
  catalog: () => api.get<CatalogApp[]>('/api/v1/applications/catalog'),
  versions: (appType: string) => api.get<AppRelease[]>(`/api/v1/applications/versions/${enc(appType)}`),
  prerequisites: () => api.get<Prerequisites>('/api/v1/applications/prerequisites'),
  create: (req: CreateApplicationRequest) => api.post<AcceptedJob>('/api/v1/applications', req),
  upgrade: (id: string, version: string) => api.post<AcceptedJob>(`${app(id)}/upgrade`, { version }),
  remove: (id: string, purgeData = false) =>
    api.del<AcceptedJob>(app(id), { query: { purgeData: purgeData ? 'true' : undefined } }),
  password: (id: string) => api.get<AppPassword>(`${app(id)}/password`),
  setPassword: (id: string, password: string) =>
    api.post<{ app_id: string; changed: boolean }>(`${app(id)}/password`, { password }),
  token: (id: string, duration?: string) => api.get<AppToken>(`${app(id)}/token`, { query: { duration } }),
  portForwards: (id: string) => api.get<PortForward[]>(`${app(id)}/port-forwards`),
  addPortForward: (id: string, port: number, subdomain: string) =>
    api.post<PortForward>(`${app(id)}/port-forwards`, { port, subdomain }),
  removePortForward: (id: string, pfId: string) => api.del<{ deleted: string }>(`${app(id)}/port-forwards/${enc(pfId)}`)
};

export const jobs = {
  get: (id: string, signal?: AbortSignal) => api.get<Job>(`/api/v1/jobs/${enc(id)}`, { signal }),
  retry: (id: string) => api.post<Job>(`/api/v1/jobs/${enc(id)}/retry`)
};

export const domains = {
  list: () => api.get<Domain[]>('/api/v1/dns/domains'),
  configure: (domain: string) => api.post<ManagedDomain>('/api/v1/dns/configure', { domain }),
  detail: (domain: string) => api.get<ManagedDomain>(`/api/v1/dns/${enc(domain)}`),
  remove: (domain: string, force = false) =>
    api.del<DomainRemoval>(`/api/v1/dns/${enc(domain)}`, { query: { force: force ? 'true' : undefined } })
};

export const terminal = {
  open: (vpsId: Id, cols: number, rows: number, record = false) =>
    api.post<TerminalSession>('/api/v1/terminal/sessions', {
      vpsId: Number(vpsId),
      cols,
      rows,
      ...(record ? { record } : {})
    }),
  sessions: () => api.get<TerminalSessionInfo[]>('/api/v1/terminal/sessions'),
  end: (sessionId: string) => api.del<unknown>(`/api/v1/terminal/sessions/${enc(sessionId)}`),
  recording: (sessionId: string) =>
    download(`/api/v1/terminal/sessions/${enc(sessionId)}/recording`, `terminal-${sessionId}.cast`)
};
