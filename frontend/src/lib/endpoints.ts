// Typed calls, one per route of the route table; pages use these, never paths.
import { api, download } from './api';
import type {
  Application, CatalogApp, CreateServerRequest, DeletedServer, Domain, DomainConfigureResult, DomainDetail, Health,
  HetznerKeyStatus, Login, Me, PowerAction, ProviderAction, Server, ServerInfo, ServerLogs, ServerOptions,
  ServerStatus, ServerTimezone, TerminalSession
} from './types';

const enc = encodeURIComponent;

export const auth = {
  login: (token: string, accountId?: string) =>
    api.post<Login>('/api/auth/login', accountId ? { token, accountId } : { token }, { auth: false }),
  me: () => api.get<Me>('/api/auth/me'),
  logout: () => api.post<unknown>('/api/auth/logout'),
  /** Ends a session the browser never kept (the first one, when the user then picks another account). */
  end: (jwt: string) => api.post<unknown>('/api/auth/logout', undefined, { auth: false, bearer: jwt })
};

export const health = () => api.get<Health>('/health', { auth: false });

export const settings = {
  hetzner: () => api.get<HetznerKeyStatus>('/api/v1/settings/hetzner'),
  putHetzner: (key: string) => api.put<HetznerKeyStatus>('/api/v1/settings/hetzner', { key }),
  removeHetzner: () => api.del<unknown>('/api/v1/settings/hetzner')
};

/** Lists come back either bare or wrapped (`{servers: [...]}`); pages only ever see the array. */
export function listOf<T>(data: unknown, ...keys: string[]): T[] {
  if (Array.isArray(data)) return data as T[];
  if (data && typeof data === 'object') {
    for (const k of keys) {
      const v = (data as Record<string, unknown>)[k];
      if (Array.isArray(v)) return v as T[];
    }
  }
  return [];
}

export const servers = {
  list: async () => listOf<Server>(await api.get('/api/v1/vps'), 'servers', 'vps', 'items'),
  power: (id: Server['id'], action: PowerAction) =>
    api.post<ProviderAction>(`/api/v1/vps/${enc(String(id))}/power`, { action }),
  action: (id: Server['id'], actionId: ProviderAction['id']) =>
    api.get<ProviderAction>(`/api/v1/vps/${enc(String(id))}/actions/${enc(String(actionId))}`),
  remove: (id: Server['id']) => api.del<DeletedServer>(`/api/v1/vps/${enc(String(id))}`),
  options: (q: { location?: string; architecture?: string; sort?: string }) =>
    api.get<ServerOptions>('/api/v1/vps/options', { query: q }),
  validateName: (name: string, signal?: AbortSignal) =>
    api.post<unknown>('/api/v1/vps/validate-name', { name }, { signal }),
  create: (req: CreateServerRequest) => api.post<Server>('/api/v1/vps', req),
  status: (id: Server['id']) => api.get<ServerStatus>(`/api/v1/vps/${enc(String(id))}/status`),
  info: (id: Server['id']) => api.get<ServerInfo>(`/api/v1/vps/${enc(String(id))}/info`),
  logs: (id: Server['id'], lines: number) => api.get<ServerLogs | string>(`/api/v1/vps/${enc(String(id))}/logs`, { query: { lines } }),
  k3sLogs: (id: Server['id'], lines: number) =>
    api.get<ServerLogs | string>(`/api/v1/vps/${enc(String(id))}/k3s-logs`, { query: { lines } }),
  timezones: async () => listOf<string>(await api.get('/api/v1/vps/timezones'), 'timezones'),
  timezone: (id: Server['id']) => api.get<ServerTimezone>(`/api/v1/vps/${enc(String(id))}/timezone`),
  setTimezone: (id: Server['id'], timezone: string) =>
    api.put<ServerTimezone>(`/api/v1/vps/${enc(String(id))}/timezone`, { timezone }),
  applications: async (id: Server['id']) =>
    listOf<Application>(await api.get(`/api/v1/vps/${enc(String(id))}/applications`), 'applications'),
  downloadKey: () => download('/api/v1/vps/ssh-key/private', 'xanthus-key.pem')
};

export const applications = {
  list: async () => listOf<Application>(await api.get('/api/v1/applications'), 'applications'),
  catalog: async () => listOf<CatalogApp>(await api.get('/api/v1/applications/catalog'), 'applications', 'catalog')
};

export const domains = {
  list: async () => listOf<Domain>(await api.get('/api/v1/dns/domains'), 'domains'),
  configure: (domain: string) => api.post<DomainConfigureResult>('/api/v1/dns/configure', { domain }),
  detail: (domain: string) => api.get<DomainDetail>(`/api/v1/dns/${enc(domain)}`),
  remove: (domain: string, force = false) =>
    api.del<unknown>(`/api/v1/dns/${enc(domain)}`, { query: { force: force ? 'true' : undefined } })
};

export const terminal = {
  open: (vpsId: string) => api.post<TerminalSession>('/api/v1/terminal/sessions', { vpsId })
};
