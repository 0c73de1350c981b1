package dev.xanthus.sandbox.oci;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.xanthus.sandbox.http.SimJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a region offers: shapes (the Always Free ones and a paid flexible one), platform images (Canonical Ubuntu
 * 22.04/24.04 and Oracle Linux 9, each for x86_64 and aarch64, several builds each so "newest" means something) and
 * availability domains. Ids are derived from names, so they stay the same across restarts.
 */
final class OciCatalog {

    /** A shape and what the simulator needs to know beyond its JSON. */
    record Shape(String name, String architecture, ObjectNode json) {
        boolean flexible() {
            return json.path("isFlexible").asBoolean();
        }
    }

    /** An image, its architecture and the user its cloud image lets in. */
    record Image(String id, String architecture, String loginUser, Instant created, ObjectNode json) {}

    static final String X86 = "x86_64";
    static final String ARM = "aarch64";

    private static final Map<String, String> REGION_KEYS = Map.ofEntries(
            Map.entry("eu-frankfurt-1", "FRA"),
            Map.entry("eu-amsterdam-1", "AMS"),
            Map.entry("uk-london-1", "LHR"),
            Map.entry("eu-paris-1", "CDG"),
            Map.entry("eu-zurich-1", "ZRH"),
            Map.entry("eu-stockholm-1", "ARN"),
            Map.entry("us-ashburn-1", "IAD"),
            Map.entry("us-phoenix-1", "PHX"),
            Map.entry("us-sanjose-1", "SJC"),
            Map.entry("ca-toronto-1", "YYZ"),
            Map.entry("ap-tokyo-1", "NRT"),
            Map.entry("ap-sydney-1", "SYD"),
            Map.entry("ap-singapore-1", "SIN"),
            Map.entry("sa-saopaulo-1", "GRU"));

    private final String region;
    private final List<Shape> shapes = new ArrayList<>();
    private final List<Image> images = new ArrayList<>();
    private final List<String> availabilityDomains = new ArrayList<>();

    OciCatalog(String region) {
        this.region = region;
        String prefix = "Uocm:" + region.toUpperCase() + "-AD-";
        for (int i = 1; i <= 3; i++) {
            availabilityDomains.add(prefix + i);
        }
        shapes.add(flexShape("VM.Standard.A1.Flex", ARM, "3.0 GHz Ampere® Altra™", 6, 80, 512, 64, 1, "LIMITED_FREE"));
        shapes.add(fixedShape(
                "VM.Standard.E2.1.Micro", X86, "2.0 GHz AMD EPYC™ 7551 (Naples)", 1, 1, 0.48, "ALWAYS_FREE"));
        shapes.add(
                flexShape("VM.Standard.E4.Flex", X86, "2.55 GHz AMD EPYC™ 7J13 (Milan)", 16, 64, 1024, 64, 1, "PAID"));
        shapes.add(
                fixedShape("VM.Standard2.1", X86, "2.0 GHz Intel® Xeon® Platinum 8167M (Skylake)", 1, 15, 1, "PAID"));
        // Builds from oldest to newest; each architecture gets every build.
        String[][] ubuntuBuilds = {
            {"22.04", "2024.10.04-0", "2024-10-09T06:12:41.123Z"},
            {"22.04", "2025.01.31-0", "2025-02-05T08:41:07.512Z"},
            {"22.04", "2025.05.20-0", "2025-05-27T10:03:55.907Z"},
            {"24.04", "2024.10.09-0", "2024-10-15T07:22:19.331Z"},
            {"24.04", "2025.01.31-0", "2025-02-06T09:18:44.264Z"},
            {"24.04", "2025.05.20-0", "2025-05-28T11:47:02.015Z"}
        };
        for (String[] build : ubuntuBuilds) {
            for (String arch : List.of(X86, ARM)) {
                String name = "Canonical-Ubuntu-" + build[0] + (arch.equals(ARM) ? "-aarch64-" : "-") + build[1];
                images.add(image(name, "Canonical Ubuntu", build[0], arch, "ubuntu", Instant.parse(build[2]), 47_694));
            }
        }
        String[][] oracleBuilds = {
            {"9", "9.4", "2024.09.30-0", "2024-10-08T05:01:12.002Z"},
            {"9", "9.5", "2025.04.16-0", "2025-04-23T04:55:30.770Z"}
        };
        for (String[] build : oracleBuilds) {
            for (String arch : List.of(X86, ARM)) {
                String name = "Oracle-Linux-" + build[1] + (arch.equals(ARM) ? "-aarch64-" : "-") + build[2];
                images.add(image(name, "Oracle Linux", build[0], arch, "opc", Instant.parse(build[3]), 48_432));
            }
        }
    }

    String region() {
        return region;
    }

    /** {@code FRA} for {@code eu-frankfurt-1}. */
    /** The regions whose keys are known (OciOfficialSdkTest checks them against the SDK's region table). */
    static java.util.Set<String> knownRegions() {
        return REGION_KEYS.keySet();
    }

    static String regionKey(String region) {
        return REGION_KEYS.getOrDefault(
                region, region.replace("-", "").substring(0, 3).toUpperCase());
    }

    List<String> availabilityDomains() {
        return availabilityDomains;
    }

    List<Shape> shapes() {
        return shapes;
    }

    Optional<Shape> shape(String name) {
        return shapes.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    List<Image> images() {
        return images;
    }

    Optional<Image> image(String id) {
        return images.stream().filter(i -> i.id().equals(id)).findFirst();
    }

    private Shape flexShape(
            String name,
            String arch,
            String processor,
            double defaultMemoryPerOcpu,
            double maxOcpus,
            double maxMemory,
            double maxPerOcpu,
            double bandwidthPerOcpu,
            String billing) {
        ObjectNode json = SimJson.MAPPER
                .createObjectNode()
                .put("shape", name)
                .put("processorDescription", processor)
                .put("ocpus", 1.0)
                .put("memoryInGBs", defaultMemoryPerOcpu)
                .put("isFlexible", true)
                .put("networkingBandwidthInGbps", bandwidthPerOcpu)
                .put("maxVnicAttachments", 2)
                .put("gpus", 0)
                .put("localDisks", 0)
                .put("billingType", billing)
                .put("isBilledForStoppedInstance", false);
        json.putObject("ocpuOptions").put("min", 1.0).put("max", maxOcpus);
        json.putObject("memoryOptions")
                .put("minInGBs", 1.0)
                .put("maxInGBs", maxMemory)
                .put("defaultPerOcpuInGBs", defaultMemoryPerOcpu)
                .put("minPerOcpuInGBs", 1.0)
                .put("maxPerOcpuInGBs", maxPerOcpu);
        json.putObject("networkingBandwidthOptions")
                .put("minInGbps", 1.0)
                .put("maxInGbps", 40.0)
                .put("defaultPerOcpuInGbps", bandwidthPerOcpu);
        json.putArray("platformConfigOptions");
        return new Shape(name, arch, json);
    }

    private Shape fixedShape(
            String name, String arch, String processor, double ocpus, double memory, double bandwidth, String billing) {
        ObjectNode json = SimJson.MAPPER
                .createObjectNode()
                .put("shape", name)
                .put("processorDescription", processor)
                .put("ocpus", ocpus)
                .put("memoryInGBs", memory)
                .put("isFlexible", false)
                .put("networkingBandwidthInGbps", bandwidth)
                .put("maxVnicAttachments", 1)
                .put("gpus", 0)
                .put("localDisks", 0)
                .put("billingType", billing)
                .put("isBilledForStoppedInstance", false);
        return new Shape(name, arch, json);
    }

    private Image image(
            String name, String os, String version, String arch, String loginUser, Instant created, long sizeInMBs) {
        String id = "ocid1.image.oc1." + region + "." + OciIds.stable(name + "@" + region);
        ObjectNode json = SimJson.MAPPER
                .createObjectNode()
                .put("id", id)
                .putNull("compartmentId")
                .put("displayName", name)
                .put("operatingSystem", os)
                .put("operatingSystemVersion", version)
                .put("lifecycleState", "AVAILABLE")
                .put("timeCreated", OciCloud.timestamp(created))
                .put("sizeInMBs", sizeInMBs)
                .put("billableSizeInGBs", 3)
                .put("createImageAllowed", true)
                .put("launchMode", "PARAVIRTUALIZED")
                .putNull("baseImageId")
                .put("listingType", "NONE");
        json.putObject("agentFeatures").put("isMonitoringSupported", true).put("isManagementSupported", true);
        json.putObject("launchOptions")
                .put("bootVolumeType", "PARAVIRTUALIZED")
                .put("firmware", "UEFI_64")
                .put("networkType", "PARAVIRTUALIZED")
                .put("remoteDataVolumeType", "PARAVIRTUALIZED")
                .put("isPvEncryptionInTransitEnabled", true)
                .put("isConsistentVolumeNamingEnabled", true);
        json.putObject("freeformTags");
        json.putObject("definedTags");
        return new Image(id, arch, loginUser, created, json);
    }

    static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
