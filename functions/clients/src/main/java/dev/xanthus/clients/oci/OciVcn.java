package dev.xanthus.clients.oci;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A virtual cloud network, with the default route table, security list and DHCP options OCI creates with it. */
public record OciVcn(
        String id,
        String compartmentId,
        String displayName,
        String cidrBlock,
        List<String> cidrBlocks,
        String defaultRouteTableId,
        String defaultSecurityListId,
        String defaultDhcpOptionsId,
        String dnsLabel,
        String lifecycleState,
        Instant timeCreated,
        Map<String, String> freeformTags) {}
