package dev.xanthus.clients.oci;

import java.util.List;
import java.util.Map;

/**
 * The Oracle Cloud Infrastructure calls Xanthus makes (Identity and Core Services, API version 20160918), bound to
 * one set of {@link OciCredentials} and one region. Every request is signed with the credentials' API key. Failures
 * answered by OCI throw {@link OciException}; an unreachable API throws
 * {@link dev.xanthus.clients.http.TransportException}. List calls follow every page ({@code opc-next-page}).
 * Reads and deletes are retried on 429/5xx/dropped connections; creates, updates and actions are sent once.
 */
public interface OciClient {

    // Identity

    OciUser getUser(String userId);

    /** The tenancy, with its {@code homeRegionKey} (e.g. {@code FRA}). */
    OciTenancy getTenancy(String tenancyId);

    List<RegionSubscription> listRegionSubscriptions(String tenancyId);

    /** The availability domains of the client's region, e.g. {@code Uocm:EU-FRANKFURT-1-AD-1}. */
    List<AvailabilityDomain> listAvailabilityDomains(String compartmentId);

    // Compute

    List<OciShape> listShapes(String compartmentId);

    /**
     * Platform images, newest first ({@code sortBy=TIMECREATED, sortOrder=DESC}); null filters are left out. With a
     * {@code shape}, only images that can boot on it (so the architecture matches).
     */
    List<OciImage> listImages(
            String compartmentId, String operatingSystem, String operatingSystemVersion, String shape);

    /** Sent once, never retried: a repeat could launch a second instance. */
    OciInstance launchInstance(LaunchInstanceRequest request);

    OciInstance getInstance(String instanceId);

    /** Every instance of the compartment, terminated ones included while OCI still lists them. */
    List<OciInstance> listInstances(String compartmentId);

    /**
     * A power action: {@link #START}, {@link #STOP}, {@link #SOFTSTOP}, {@link #SOFTRESET} or {@link #RESET}. Answers
     * the instance as OCI returns it (already in the transitional state); a wrong state throws 409 IncorrectState.
     */
    OciInstance instanceAction(String instanceId, String action);

    void terminateInstance(String instanceId, boolean preserveBootVolume);

    List<VnicAttachment> listVnicAttachments(String compartmentId, String instanceId);

    OciVnic getVnic(String vnicId);

    // Networking

    List<OciVcn> listVcns(String compartmentId);

    OciVcn createVcn(String compartmentId, String displayName, String cidrBlock, Map<String, String> freeformTags);

    /** OCI answers 409 Conflict while the VCN still has subnets, gateways or non-default security lists. */
    void deleteVcn(String vcnId);

    List<InternetGateway> listInternetGateways(String compartmentId, String vcnId);

    InternetGateway createInternetGateway(
            String compartmentId, String vcnId, String displayName, Map<String, String> freeformTags);

    /** OCI answers 409 Conflict while a route rule still targets the gateway. */
    void deleteInternetGateway(String igwId);

    OciRouteTable getRouteTable(String routeTableId);

    /** Replaces every rule of the table. */
    OciRouteTable updateRouteTable(String routeTableId, List<RouteRule> rules);

    List<SecurityList> listSecurityLists(String compartmentId, String vcnId);

    SecurityList createSecurityList(
            String compartmentId,
            String vcnId,
            String displayName,
            List<IngressRule> ingress,
            List<EgressRule> egress,
            Map<String, String> freeformTags);

    void deleteSecurityList(String securityListId);

    List<OciSubnet> listSubnets(String compartmentId, String vcnId);

    /** A regional subnet (no availability domain). */
    OciSubnet createSubnet(
            String compartmentId,
            String vcnId,
            String displayName,
            String cidrBlock,
            String routeTableId,
            List<String> securityListIds,
            Map<String, String> freeformTags);

    /** OCI answers 409 Conflict while an instance's VNIC is still in the subnet. */
    void deleteSubnet(String subnetId);

    String START = "START";
    String STOP = "STOP";
    String SOFTSTOP = "SOFTSTOP";
    String SOFTRESET = "SOFTRESET";
    String RESET = "RESET";
}
