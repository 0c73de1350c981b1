// The wire shapes of the Xanthus API, named for the app. Nothing here is written by hand: every type is an alias
// over `api-schema.d.ts`, which `npm run api-types` generates from functions/api/src/main/resources/openapi.yaml
// (the API tests check every answer against that document, and a Vitest fails when the generated file is stale).
// The API omits null fields, so a field that can be null in Java is optional here. List routes answer a bare array.
import type { components, operations } from './api-schema';

type Schemas = components['schemas'];
type JsonBody<Op extends keyof operations> = operations[Op] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** The success envelope every JSON route answers with. */
export interface SuccessBody<T> {
  status: 'success';
  data: T;
}
export type ErrorBody = Schemas['Error'];

export type Health = Schemas['Health'];
export type Account = Schemas['Account'];
export type TokenPermission = Schemas['TokenPermission'];
export type PermissionStatus = TokenPermission['status'];
export type Login = Schemas['Login'];
export type Me = Schemas['Me'];

export type HetznerKeyStatus = Schemas['HetznerKeyStatus'];
export type OciStatus = Schemas['OciStatus'];
export type OciCredentials = JsonBody<'putOciCredentials'>;

export type Server = Schemas['Server'];
export type Provider = NonNullable<Server['provider']>;
export type VpsConfig = Schemas['VpsConfig'];
export type CreatedServer = Schemas['CreatedServer'];
export type AdoptedServer = Schemas['AdoptedServer'];
export type DeletedServer = Schemas['DeletedServer'];
export type ProviderAction = Schemas['ProviderAction'];
export type PowerAction = JsonBody<'powerVps'>['action'];
export type ServerStatus = Schemas['ServerStatus'];
/** A cloud-init stage (ServerHealth.STAGE_MESSAGES), UNKNOWN before setup reports anything. */
export type Stage = NonNullable<ServerStatus['stage']>;
export type ServerInfo = Schemas['ServerInfo'];
export type ServerMetrics = Schemas['ServerMetrics'];
export type MetricPoint = Schemas['MetricPoint'];
export type MetricsRange = ServerMetrics['range'];
export type ServerLogs = Schemas['ServerLogs'];
export type K3sLogs = Schemas['K3sLogs'];
export type ServerTimezone = Schemas['ServerTimezone'];
export type Location = Schemas['Location'];
export type ServerTypeOption = Schemas['ServerTypeOption'];
export type ServerOptions = Schemas['ServerOptions'];
export type OciRange = Schemas['OciRange'];
export type OciShape = Schemas['OciShape'];
export type OciOptions = Schemas['OciOptions'];
/** `POST /api/v1/vps`, one body for both clouds: Hetzner's `location` + `serverType`, or OCI's `shape` + sizes. */
export type CreateServerRequest = JsonBody<'createVps'>;
export type CreateOciServerRequest = JsonBody<'createVps'>;
export type ExistingOciRequest = JsonBody<'addExistingOciVm'>;

export type Application = Schemas['Application'];
export type AppRecord = Schemas['AppRecord'];
export type AcceptedJob = Schemas['AcceptedJob'];
export type CreateApplicationRequest = JsonBody<'createApplication'>;
export type ServerChoice = Schemas['ServerChoice'];
export type Prerequisites = Schemas['Prerequisites'];
export type AppPassword = Schemas['AppPassword'];
export type AppToken = Schemas['AppToken'];
export type PortForward = Schemas['PortForward'];
export type CatalogApp = Schemas['CatalogApp'];
export type AppRelease = Schemas['AppRelease'];

export type Job = Schemas['Job'];
export type JobStatus = Job['status'];
export type JobStep = Schemas['JobStep'];
export type JobStepState = JobStep['state'];

export type Domain = Schemas['DomainSummary'];
export type ManagedDomain = Schemas['ManagedDomain'];
export type DomainRemoval = Schemas['DomainRemoval'];

export type TerminalSession = Schemas['TerminalOpened'];
export type TerminalSessionInfo = Schemas['TerminalSession'];
