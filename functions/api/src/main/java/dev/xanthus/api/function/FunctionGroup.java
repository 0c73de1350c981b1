package dev.xanthus.api.function;

import java.util.Arrays;

/** The route groups; each is one Lambda function with its own Spring configuration and IAM role. */
public enum FunctionGroup {
    AUTH("auth", AuthFunction.class),
    VPS("vps", VpsFunction.class),
    DNS("dns", DnsFunction.class),
    APPLICATIONS("applications", ApplicationsFunction.class),
    TERMINAL("terminal", TerminalFunction.class);

    private final String id;
    private final Class<?> configuration;

    FunctionGroup(String id, Class<?> configuration) {
        this.id = id;
        this.configuration = configuration;
    }

    /** The name used in the OpenAPI document ({@code x-xanthus-function}), SAM and CDK. */
    public String id() {
        return id;
    }

    public Class<?> configuration() {
        return configuration;
    }

    public static FunctionGroup fromId(String id) {
        return Arrays.stream(values())
                .filter(g -> g.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown function " + id));
    }
}
