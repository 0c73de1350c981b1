'use strict';
// Oracle's official OCI SDK (oci-common/oci-identity/oci-core 2.139.1) against the OCI simulator: every call
// Xanthus makes, signed by the SDK's own signer, with the SDK's typed results checked. Run by
// OciOfficialSdkTest: `node referee.js KEY_DIR ENDPOINT SSH_PUBLIC_KEY_FILE`, where KEY_DIR holds the simulator's
// OCI CLI style `config` and the key file it names. Prints one JSON report on stdout; exits 0 even when checks
// fail (the Java test reads the report), non-zero only when the script itself cannot run.
//
// Loopback only: every request must go to ENDPOINT on 127.0.0.1; anything else fails before a byte leaves.

const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { loopbackOnly, operations, proveGuard, finish } = require('../harness');

const [keyDir, endpoint, sshKeyFile] = process.argv.slice(2);
if (!keyDir || !endpoint || !sshKeyFile) {
  console.error('usage: node referee.js KEY_DIR ENDPOINT SSH_PUBLIC_KEY_FILE');
  process.exit(2);
}
// The guard, before the SDK is loaded: Node's fetch (which the SDK uses) and any raw socket may only reach the
// simulator.
const { report } = loopbackOnly(endpoint);

const common = require('oci-common');
const identity = require('oci-identity');
const core = require('oci-core');

// A mismatch must show, not be retried away or tripped over by a circuit breaker.
common.CircuitBreaker.EnableGlobalCircuitBreaker = false;
const clientConfiguration = { retryConfiguration: common.NoRetryConfigurationDetails, circuitBreaker: null };

const config = common.ConfigFileReader.parseFileFromPath(path.join(keyDir, 'config'), 'DEFAULT');
const tenancy = config.get('tenancy');
const user = config.get('user');
const region = common.Region.fromRegionId(config.get('region'));
const privateKey = fs.readFileSync(config.get('key_file'), 'utf8');
const provider = new common.SimpleAuthenticationDetailsProvider(tenancy, user, config.get('fingerprint'),
  privateKey, null, region);

function client(Type, auth) {
  const c = new Type({ authenticationDetailsProvider: auth || provider }, clientConfiguration);
  c.endpoint = endpoint; // the SDK appends /20160918
  return c;
}
const idc = client(identity.IdentityClient);
const compute = client(core.ComputeClient);
const network = client(core.VirtualNetworkClient);

// Waiters poll quickly and give up after 30 s (the simulator's steps take a fraction of a second).
const waiterConfig = {
  terminationStrategy: new common.MaxTimeTerminationStrategy(30),
  delayStrategy: new common.FixedTimeDelayStrategy(0.1),
};
const computeWaiters = compute.createWaiters(waiterConfig);
const networkWaiters = network.createWaiters(waiterConfig);

report.sdk = {};
for (const pkg of ['oci-common', 'oci-identity', 'oci-core']) {
  report.sdk[pkg] = require(pkg + '/package.json').version;
}

const op = operations(report, (e) => ({ status: e.statusCode, code: e.serviceCode }));

// An operation that must fail with this status and OCI error code, as the SDK's typed OciError.
async function refusal(name, run, status, code) {
  const entry = { op: name, ok: false };
  report.operations.push(entry);
  try {
    await run();
    entry.error = { message: 'answered success; expected ' + status + ' ' + code };
  } catch (e) {
    entry.fields = { statusCode: e.statusCode, serviceCode: e.serviceCode, isOciError: e instanceof common.OciError,
      opcRequestId: e.opcRequestId || null };
    entry.ok = e instanceof common.OciError && e.statusCode === status && e.serviceCode === code;
  }
}

const OCID = (type) => new RegExp('^ocid1\\.' + type + '\\.oc1\\.' + region.regionId + '\\.[a-z0-9]{60}$');
// The models declare dates as Date, but the SDK hands over OCI's RFC 3339 strings as they came
// (e.g. 2016-08-25T21:10:29.600Z, the example in oci-core/lib/model/instance.d.ts).
const RFC3339_MILLIS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const isDate = (d) => typeof d === 'string' && RFC3339_MILLIS.test(d) && !isNaN(Date.parse(d));
const token = () => crypto.randomBytes(16).toString('hex');
const tags = { managed_by: 'xanthus' };

async function main() {
  await proveGuard(op, report, 'http://192.0.2.1:9/20160918/users');

  // Identity
  await op('GetUser', async () => {
    const { user: u } = await idc.getUser({ userId: user });
    return { id: u.id, compartmentId: u.compartmentId, lifecycleState: u.lifecycleState, timeCreated: u.timeCreated,
      timeCreatedIsDate: isDate(u.timeCreated) };
  }, (f) => ({ id: f.id === user, compartment: f.compartmentId === tenancy,
    state: f.lifecycleState === identity.models.User.LifecycleState.Active, date: f.timeCreatedIsDate }));
  await op('GetTenancy', async () => {
    const { tenancy: t } = await idc.getTenancy({ tenancyId: tenancy });
    return { id: t.id, homeRegionKey: t.homeRegionKey };
  }, (f) => ({ id: f.id === tenancy, homeRegionKey: f.homeRegionKey === region.regionCode.toUpperCase() }));
  await op('ListRegionSubscriptions', async () => {
    const { items } = await idc.listRegionSubscriptions({ tenancyId: tenancy });
    return { regions: items.map((r) => ({ regionName: r.regionName, regionKey: r.regionKey, status: r.status,
      isHomeRegion: r.isHomeRegion })) };
  }, (f) => ({ home: f.regions.some((r) => r.regionName === region.regionId && r.isHomeRegion
    && r.status === identity.models.RegionSubscription.Status.Ready
    && r.regionKey === region.regionCode.toUpperCase()) }));
  const ads = await op('ListAvailabilityDomains', async () => {
    const { items } = await idc.listAvailabilityDomains({ compartmentId: tenancy });
    return { names: items.map((a) => a.name) };
  }, (f) => ({ some: f.names.length > 0, named: f.names.every((n) => /^[A-Za-z]{4}:[A-Z0-9-]+-AD-\d$/.test(n)) }));
  await op('ListCompartments', async () => {
    const r = await idc.listCompartments({ compartmentId: tenancy, compartmentIdInSubtree: true,
      accessLevel: identity.requests.ListCompartmentsRequest.AccessLevel.Accessible });
    return { isArray: Array.isArray(r.items), count: r.items.length, opcNextPage: r.opcNextPage || null,
      opcRequestId: r.opcRequestId };
  }, (f) => ({ array: f.isArray, requestId: !!f.opcRequestId }));

  // The simulator's region keys (OCI_REGION_KEYS, given by the test) against the SDK's own region table
  await op('Region keys', async () => {
    const keys = JSON.parse(process.env.OCI_REGION_KEYS || '{}');
    const wrong = Object.entries(keys).filter(([id, key]) => common.Region.fromRegionId(id).regionCode.toUpperCase() !== key)
      .map(([id, key]) => id + '=' + key);
    return { count: Object.keys(keys).length, wrong };
  }, (f) => ({ some: f.count > 0, agree: f.wrong.length === 0 }));

  // Compute catalogue; pages of 2 so opc-next-page is walked
  const shapes = await op('ListShapes', async () => {
    const names = [];
    let page;
    let pages = 0;
    let a1;
    do {
      const r = await compute.listShapes({ compartmentId: tenancy, limit: 2, page });
      pages++;
      for (const s of r.items) {
        names.push(s.shape);
        if (s.shape === 'VM.Standard.A1.Flex') {
          a1 = { isFlexible: s.isFlexible, ocpuMax: s.ocpuOptions && s.ocpuOptions.max,
            memoryMax: s.memoryOptions && s.memoryOptions.maxInGBs, processorDescription: s.processorDescription };
        }
      }
      page = r.opcNextPage;
    } while (page && pages < 50);
    return { names, pages, a1 };
  }, (f) => ({ paged: f.pages > 1, a1: !!f.a1 && f.a1.isFlexible === true && f.a1.ocpuMax >= 4
    && f.a1.memoryMax >= 24, micro: f.names.includes('VM.Standard.E2.1.Micro') }));
  const image = await op('ListImages', async () => {
    const r = await compute.listImages({ compartmentId: tenancy, operatingSystem: 'Canonical Ubuntu',
      operatingSystemVersion: '24.04', shape: 'VM.Standard.A1.Flex', limit: 1000,
      sortBy: core.requests.ListImagesRequest.SortBy.Timecreated,
      sortOrder: core.requests.ListImagesRequest.SortOrder.Desc });
    const times = r.items.map((i) => Date.parse(i.timeCreated));
    return { count: r.items.length, id: r.items[0] && r.items[0].id, displayName: r.items[0] && r.items[0].displayName,
      operatingSystem: r.items[0] && r.items[0].operatingSystem, lifecycleState: r.items[0] && r.items[0].lifecycleState,
      newestFirst: times.every((t, i) => i === 0 || times[i - 1] >= t), datesValid: r.items.every((i) => isDate(i.timeCreated)) };
  }, (f) => ({ some: f.count > 0, id: OCID('image').test(f.id), os: f.operatingSystem === 'Canonical Ubuntu',
    available: f.lifecycleState === core.models.Image.LifecycleState.Available, sorted: f.newestFirst,
    dates: f.datesValid }));

  // Networking, as OciServers builds it
  const vcnToken = token();
  const vcnDetails = { compartmentId: tenancy, displayName: 'xanthus-vcn', cidrBlock: '10.0.0.0/16', freeformTags: tags };
  const vcn = await op('CreateVcn', async () => {
    const { vcn: v, etag } = await network.createVcn({ createVcnDetails: vcnDetails, opcRetryToken: vcnToken });
    return { id: v.id, lifecycleState: v.lifecycleState, displayName: v.displayName, cidrBlocks: v.cidrBlocks,
      freeformTags: v.freeformTags, defaultRouteTableId: v.defaultRouteTableId,
      defaultSecurityListId: v.defaultSecurityListId, etag, timeCreatedIsDate: isDate(v.timeCreated) };
  }, (f) => ({ id: OCID('vcn').test(f.id), state: f.lifecycleState === core.models.Vcn.LifecycleState.Available,
    name: f.displayName === 'xanthus-vcn', cidr: JSON.stringify(f.cidrBlocks) === '["10.0.0.0/16"]',
    tags: f.freeformTags.managed_by === 'xanthus', routeTable: OCID('routetable').test(f.defaultRouteTableId),
    etag: !!f.etag, date: f.timeCreatedIsDate }));
  if (!vcn) {
    return;
  }
  await op('CreateVcn (same opc-retry-token)', async () => {
    const { vcn: v } = await network.createVcn({ createVcnDetails: vcnDetails, opcRetryToken: vcnToken });
    return { id: v.id };
  }, (f) => ({ sameVcn: f.id === vcn.id }));
  await op('GetVcn', async () => {
    const { vcn: v } = await network.getVcn({ vcnId: vcn.id });
    return { id: v.id, lifecycleState: v.lifecycleState };
  }, (f) => ({ id: f.id === vcn.id, state: f.lifecycleState === 'AVAILABLE' }));
  await op('ListVcns', async () => {
    const { items } = await network.listVcns({ compartmentId: tenancy });
    return { ids: items.map((v) => v.id) };
  }, (f) => ({ listed: f.ids.includes(vcn.id) }));

  const igw = await op('CreateInternetGateway', async () => {
    const { internetGateway: g } = await network.createInternetGateway({ opcRetryToken: token(),
      createInternetGatewayDetails: { compartmentId: tenancy, vcnId: vcn.id, displayName: 'xanthus-igw',
        isEnabled: true, freeformTags: tags } });
    return { id: g.id, isEnabled: g.isEnabled, lifecycleState: g.lifecycleState, vcnId: g.vcnId };
  }, (f) => ({ id: OCID('internetgateway').test(f.id), enabled: f.isEnabled === true, vcn: f.vcnId === vcn.id,
    state: f.lifecycleState === core.models.InternetGateway.LifecycleState.Available }));
  await op('GetInternetGateway', async () => {
    const { internetGateway: g } = await network.getInternetGateway({ igId: igw.id });
    return { id: g.id };
  }, (f) => ({ id: f.id === igw.id }));
  await op('ListInternetGateways', async () => {
    const { items } = await network.listInternetGateways({ compartmentId: tenancy, vcnId: vcn.id });
    return { ids: items.map((g) => g.id) };
  }, (f) => ({ listed: JSON.stringify(f.ids) === JSON.stringify([igw.id]) }));

  await op('GetRouteTable', async () => {
    const { routeTable: t, etag } = await network.getRouteTable({ rtId: vcn.defaultRouteTableId });
    return { id: t.id, rules: t.routeRules.length, etag };
  }, (f) => ({ id: f.id === vcn.defaultRouteTableId, empty: f.rules === 0, etag: !!f.etag }));
  await op('UpdateRouteTable', async () => {
    const { routeTable: t } = await network.updateRouteTable({ rtId: vcn.defaultRouteTableId,
      updateRouteTableDetails: { routeRules: [{ destination: '0.0.0.0/0',
        destinationType: core.models.RouteRule.DestinationType.CidrBlock, networkEntityId: igw.id }] } });
    return { rules: t.routeRules.map((r) => ({ destination: r.destination, destinationType: r.destinationType,
      networkEntityId: r.networkEntityId })) };
  }, (f) => ({ rule: f.rules.length === 1 && f.rules[0].destination === '0.0.0.0/0'
    && f.rules[0].destinationType === 'CIDR_BLOCK' && f.rules[0].networkEntityId === igw.id }));
  await op('ListRouteTables', async () => {
    const { items } = await network.listRouteTables({ compartmentId: tenancy, vcnId: vcn.id });
    return { ids: items.map((t) => t.id) };
  }, (f) => ({ listed: f.ids.includes(vcn.defaultRouteTableId) }));

  const tcp = (port) => ({ protocol: '6', source: '0.0.0.0/0',
    sourceType: core.models.IngressSecurityRule.SourceType.CidrBlock, isStateless: false,
    tcpOptions: { destinationPortRange: { min: port, max: port } } });
  const seclist = await op('CreateSecurityList', async () => {
    const { securityList: l } = await network.createSecurityList({ opcRetryToken: token(),
      createSecurityListDetails: { compartmentId: tenancy, vcnId: vcn.id, displayName: 'xanthus-seclist',
        ingressSecurityRules: [tcp(22), tcp(80), tcp(443)],
        egressSecurityRules: [{ protocol: 'all', destination: '0.0.0.0/0',
          destinationType: core.models.EgressSecurityRule.DestinationType.CidrBlock, isStateless: false }],
        freeformTags: tags } });
    return { id: l.id, ports: l.ingressSecurityRules.map((r) => r.tcpOptions.destinationPortRange.min),
      egress: l.egressSecurityRules.map((r) => r.protocol + ' ' + r.destination), lifecycleState: l.lifecycleState };
  }, (f) => ({ id: OCID('securitylist').test(f.id), ports: JSON.stringify(f.ports) === '[22,80,443]',
    egress: JSON.stringify(f.egress) === '["all 0.0.0.0/0"]', state: f.lifecycleState === 'AVAILABLE' }));
  await op('GetSecurityList', async () => {
    const { securityList: l } = await network.getSecurityList({ securityListId: seclist.id });
    return { id: l.id, sourceType: l.ingressSecurityRules[0].sourceType };
  }, (f) => ({ id: f.id === seclist.id, sourceType: f.sourceType === 'CIDR_BLOCK' }));
  await op('ListSecurityLists', async () => {
    const { items } = await network.listSecurityLists({ compartmentId: tenancy, vcnId: vcn.id });
    return { ids: items.map((l) => l.id) };
  }, (f) => ({ listed: f.ids.includes(seclist.id) && f.ids.includes(vcn.defaultSecurityListId) }));
  await op('UpdateSecurityList', async () => {
    const { etag } = await network.getSecurityList({ securityListId: seclist.id });
    const { securityList: l } = await network.updateSecurityList({ securityListId: seclist.id, ifMatch: etag,
      updateSecurityListDetails: { displayName: 'xanthus-seclist-2', ingressSecurityRules: [tcp(22), tcp(443)] } });
    return { displayName: l.displayName, ports: l.ingressSecurityRules.map((r) => r.tcpOptions.destinationPortRange.min),
      egressKept: l.egressSecurityRules.length };
  }, (f) => ({ name: f.displayName === 'xanthus-seclist-2', ports: JSON.stringify(f.ports) === '[22,443]',
    egressKept: f.egressKept === 1 }));
  await refusal('UpdateSecurityList (stale If-Match)', () => network.updateSecurityList({ securityListId: seclist.id,
    ifMatch: 'stale', updateSecurityListDetails: { displayName: 'never' } }), 412, 'NoEtagMatch');

  if (!igw || !seclist) {
    return;
  }
  const subnet = await op('CreateSubnet', async () => {
    const { subnet: s } = await network.createSubnet({ opcRetryToken: token(),
      createSubnetDetails: { compartmentId: tenancy, vcnId: vcn.id, displayName: 'xanthus-subnet',
        cidrBlock: '10.0.1.0/24', routeTableId: vcn.defaultRouteTableId, securityListIds: [seclist.id],
        freeformTags: tags } });
    return { id: s.id, cidrBlock: s.cidrBlock, securityListIds: s.securityListIds, lifecycleState: s.lifecycleState,
      prohibitPublicIpOnVnic: s.prohibitPublicIpOnVnic };
  }, (f) => ({ id: OCID('subnet').test(f.id), cidr: f.cidrBlock === '10.0.1.0/24',
    lists: JSON.stringify(f.securityListIds) === JSON.stringify([seclist.id]), publicIp: f.prohibitPublicIpOnVnic === false,
    state: f.lifecycleState === core.models.Subnet.LifecycleState.Available }));
  await op('GetSubnet (waiter AVAILABLE)', async () => {
    const r = await networkWaiters.forSubnet({ subnetId: subnet.id }, core.models.Subnet.LifecycleState.Available);
    return { id: r.subnet.id };
  }, (f) => ({ id: f.id === subnet.id }));
  await op('ListSubnets', async () => {
    const { items } = await network.listSubnets({ compartmentId: tenancy, vcnId: vcn.id });
    return { ids: items.map((s) => s.id) };
  }, (f) => ({ listed: JSON.stringify(f.ids) === JSON.stringify([subnet.id]) }));
  await refusal('DeleteVcn (still has a subnet)', () => network.deleteVcn({ vcnId: vcn.id }), 409, 'Conflict');

  if (!subnet || !image || !ads) {
    return;
  }
  // An instance through its life
  const sshKey = fs.readFileSync(sshKeyFile, 'utf8').trim();
  const userData = Buffer.from('#cloud-config\nhostname: referee\n').toString('base64');
  const launchToken = token();
  const launchDetails = { compartmentId: tenancy, availabilityDomain: ads.names[0], displayName: 'referee-1',
    shape: 'VM.Standard.A1.Flex', shapeConfig: { ocpus: 4, memoryInGBs: 24 },
    sourceDetails: { sourceType: 'image', imageId: image.id },
    createVnicDetails: { subnetId: subnet.id, assignPublicIp: true },
    metadata: { ssh_authorized_keys: sshKey, user_data: userData }, freeformTags: tags };
  const instance = await op('LaunchInstance', async () => {
    const { instance: i, opcWorkRequestId } = await compute.launchInstance({ launchInstanceDetails: launchDetails,
      opcRetryToken: launchToken });
    return { id: i.id, lifecycleState: i.lifecycleState, shape: i.shape, displayName: i.displayName,
      ocpus: i.shapeConfig.ocpus, memoryInGBs: i.shapeConfig.memoryInGBs, region: i.region,
      availabilityDomain: i.availabilityDomain, freeformTags: i.freeformTags, imageId: i.imageId,
      sourceType: i.sourceDetails && i.sourceDetails.sourceType,
      userDataKept: i.metadata.user_data === userData, sshKeysKept: i.metadata.ssh_authorized_keys === sshKey,
      timeCreatedIsDate: isDate(i.timeCreated), opcWorkRequestId: opcWorkRequestId || null };
  }, (f) => ({ id: OCID('instance').test(f.id), state: f.lifecycleState === core.models.Instance.LifecycleState.Provisioning,
    shape: f.shape === 'VM.Standard.A1.Flex', name: f.displayName === 'referee-1', ocpus: f.ocpus === 4,
    memory: f.memoryInGBs === 24, region: f.region === region.regionId, ad: f.availabilityDomain === ads.names[0],
    tags: f.freeformTags.managed_by === 'xanthus', image: f.imageId === image.id, source: f.sourceType === 'image',
    userData: f.userDataKept, sshKeys: f.sshKeysKept, date: f.timeCreatedIsDate,
    workRequest: /^ocid1\./.test(f.opcWorkRequestId || '') }));
  if (!instance) {
    return;
  }
  await op('LaunchInstance (same opc-retry-token)', async () => {
    const { instance: i } = await compute.launchInstance({ launchInstanceDetails: launchDetails,
      opcRetryToken: launchToken });
    return { id: i.id };
  }, (f) => ({ sameInstance: f.id === instance.id }));

  const states = [];
  const waitFor = (state) => async () => {
    const r = await computeWaiters.forInstance({ instanceId: instance.id }, state);
    states.push(r.instance.lifecycleState);
    return { lifecycleState: r.instance.lifecycleState };
  };
  const RUNNING = core.models.Instance.LifecycleState.Running;
  const STOPPED = core.models.Instance.LifecycleState.Stopped;
  await op('GetInstance (waiter RUNNING)', waitFor(RUNNING), (f) => ({ running: f.lifecycleState === RUNNING }));
  await op('ListInstances', async () => {
    const { items } = await compute.listInstances({ compartmentId: tenancy });
    const mine = items.find((i) => i.id === instance.id);
    return { count: items.length, lifecycleState: mine && mine.lifecycleState };
  }, (f) => ({ listed: f.lifecycleState === RUNNING }));
  const attachment = await op('ListVnicAttachments', async () => {
    const { items } = await compute.listVnicAttachments({ compartmentId: tenancy, instanceId: instance.id });
    return { count: items.length, vnicId: items[0] && items[0].vnicId, lifecycleState: items[0] && items[0].lifecycleState };
  }, (f) => ({ one: f.count === 1, vnic: OCID('vnic').test(f.vnicId),
    attached: f.lifecycleState === core.models.VnicAttachment.LifecycleState.Attached }));
  if (!attachment) {
    return;
  }
  await op('GetVnic', async () => {
    const { vnic: v } = await network.getVnic({ vnicId: attachment.vnicId });
    return { publicIp: v.publicIp, privateIp: v.privateIp, isPrimary: v.isPrimary, lifecycleState: v.lifecycleState };
  }, (f) => ({ publicIp: /^\d+\.\d+\.\d+\.\d+$/.test(f.publicIp || ''), privateIp: /^10\.0\.1\.\d+$/.test(f.privateIp),
    primary: f.isPrimary === true, state: f.lifecycleState === core.models.Vnic.LifecycleState.Available }));

  const action = (verb) => async () => {
    const { instance: i } = await compute.instanceAction({ instanceId: instance.id, action: verb });
    return { lifecycleState: i.lifecycleState };
  };
  // `action` is a plain string in the SDK (oci-core/lib/request/instance-action-request.d.ts), no enum
  const A = { Start: 'START', Stop: 'STOP', Softstop: 'SOFTSTOP', Softreset: 'SOFTRESET' };
  await op('InstanceAction SOFTSTOP', action(A.Softstop), (f) => ({ stopping: f.lifecycleState === 'STOPPING' }));
  await op('GetInstance (waiter STOPPED)', waitFor(STOPPED), (f) => ({ stopped: f.lifecycleState === STOPPED }));
  await refusal('InstanceAction SOFTSTOP (already stopped)', action(A.Softstop), 409, 'IncorrectState');
  await op('InstanceAction START', action(A.Start), (f) => ({ starting: f.lifecycleState === 'STARTING' }));
  await op('GetInstance (waiter RUNNING after START)', waitFor(RUNNING), (f) => ({ running: f.lifecycleState === RUNNING }));
  await op('InstanceAction SOFTRESET', action(A.Softreset), (f) => ({ stopping: f.lifecycleState === 'STOPPING' }));
  await op('GetInstance (waiter RUNNING after SOFTRESET)', waitFor(RUNNING), (f) => ({ running: f.lifecycleState === RUNNING }));
  await op('InstanceAction STOP', action(A.Stop), (f) => ({ stopping: f.lifecycleState === 'STOPPING' }));
  await op('GetInstance (waiter STOPPED after STOP)', waitFor(STOPPED), (f) => ({ stopped: f.lifecycleState === STOPPED }));
  await op('InstanceAction START (again)', action(A.Start), (f) => ({ starting: f.lifecycleState === 'STARTING' }));
  await op('GetInstance (waiter RUNNING again)', waitFor(RUNNING), (f) => ({ running: f.lifecycleState === RUNNING }));
  await op('TerminateInstance', async () => {
    const r = await compute.terminateInstance({ instanceId: instance.id, preserveBootVolume: false });
    return { opcRequestId: r.opcRequestId, opcWorkRequestId: r.opcWorkRequestId || null };
  }, (f) => ({ requestId: !!f.opcRequestId, workRequest: /^ocid1\./.test(f.opcWorkRequestId || '') }));
  await op('GetInstance (waiter TERMINATED)', async () => {
    const r = await computeWaiters.forInstance({ instanceId: instance.id },
      core.models.Instance.LifecycleState.Terminated);
    states.push(r ? r.instance.lifecycleState : 'GONE');
    return { lifecycleState: r ? r.instance.lifecycleState : null };
  }, (f) => ({ terminated: f.lifecycleState === core.models.Instance.LifecycleState.Terminated }));
  report.lifecycle = ['PROVISIONING', ...states];

  // Teardown in the order OCI requires (as the oci-cleanup job does)
  await op('DeleteSubnet', async () => {
    await network.deleteSubnet({ subnetId: subnet.id });
    const { subnet: s } = await network.getSubnet({ subnetId: subnet.id });
    return { lifecycleState: s.lifecycleState };
  }, (f) => ({ gone: f.lifecycleState === 'TERMINATED' || f.lifecycleState === 'TERMINATING' }));
  await op('UpdateRouteTable (no rules)', async () => {
    const { routeTable: t } = await network.updateRouteTable({ rtId: vcn.defaultRouteTableId,
      updateRouteTableDetails: { routeRules: [] } });
    return { rules: t.routeRules.length };
  }, (f) => ({ empty: f.rules === 0 }));
  await op('DeleteInternetGateway', async () => {
    await network.deleteInternetGateway({ igId: igw.id });
    const { internetGateway: g } = await network.getInternetGateway({ igId: igw.id });
    return { lifecycleState: g.lifecycleState };
  }, (f) => ({ gone: f.lifecycleState === 'TERMINATED' || f.lifecycleState === 'TERMINATING' }));
  await op('DeleteSecurityList', async () => {
    await network.deleteSecurityList({ securityListId: seclist.id });
    const { securityList: l } = await network.getSecurityList({ securityListId: seclist.id });
    return { lifecycleState: l.lifecycleState };
  }, (f) => ({ gone: f.lifecycleState === 'TERMINATED' || f.lifecycleState === 'TERMINATING' }));
  await op('DeleteVcn (waiter TERMINATED)', async () => {
    await network.deleteVcn({ vcnId: vcn.id });
    const r = await networkWaiters.forVcn({ vcnId: vcn.id }, core.models.Vcn.LifecycleState.Terminated);
    return { lifecycleState: r ? r.vcn.lifecycleState : null };
  }, (f) => ({ terminated: f.lifecycleState === 'TERMINATED' }));

  // The simulator must refuse what the real OCI refuses: a signature by a key other than the registered one
  const { privateKey: otherKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const impostor = new common.SimpleAuthenticationDetailsProvider(tenancy, user, config.get('fingerprint'), otherKey,
    null, region);
  await refusal('GetUser (signed by another key)', () => client(identity.IdentityClient, impostor).getUser({ userId: user }),
    401, 'NotAuthenticated');
}

finish(main, report);
