package dev.xanthus.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * All of Xanthus in one environment-agnostic stack. One stack, not several: the functions and the relay accept
 * only CloudFront's origin, and CloudFront routes to them, so split stacks would reference each other in a cycle.
 */
public final class XanthusStack extends Stack {

    private final DataConstruct data;
    private final KeysConstruct keys;
    private final ApiConstruct api;
    private final RelayConstruct relay;
    private final WebConstruct web;

    public XanthusStack(
            Construct scope, String id, StackProps stackProps, XanthusProps props, FunctionCatalog catalog) {
        super(scope, id, stackProps);
        RetentionDays retention = retention(props.logRetentionDays());
        data = new DataConstruct(this, "Data");
        keys = new KeysConstruct(this, "Keys", retention);
        api = new ApiConstruct(this, "Api", props, catalog, data, keys, retention);
        relay = new RelayConstruct(this, "Relay", props, data, keys, retention);
        web = new WebConstruct(this, "Web", props, catalog, api, relay, keys);

        String origins = web.origins(props.domainName());
        api.setAllowedOrigins(origins);
        relay.setAllowedOrigins(origins);
        String host = props.domainName().orElse(web.distribution().getDistributionDomainName());
        api.setRelayUrl("wss://" + host + "/ws");

        CfnOutput.Builder.create(this, "SiteUrl")
                .value("https://" + host)
                .description("Open Xanthus here")
                .build();
        CfnOutput.Builder.create(this, "DistributionDomainName")
                .value(web.distribution().getDistributionDomainName())
                .description("Point your custom domain's CNAME here")
                .build();
        CfnOutput.Builder.create(this, "ApiEndpoint")
                .value(api.httpApi().getApiEndpoint())
                .description("The HTTP API behind CloudFront (use the site URL instead)")
                .build();
        CfnOutput.Builder.create(this, "RelayLoadBalancerDns")
                .value(relay.loadBalancer().getLoadBalancerDnsName())
                .description("Point xanthus:relayOriginDomain's CNAME here when you give the relay a certificate")
                .build();
        CfnOutput.Builder.create(this, "TableName")
                .value(data.table().getTableName())
                .build();
    }

    static RetentionDays retention(int days) {
        for (RetentionDays r : RetentionDays.values()) {
            if (days(r) == days) {
                return r;
            }
        }
        throw new IllegalArgumentException("log retention of " + days + " days is not one CloudWatch offers");
    }

    private static int days(RetentionDays r) {
        return switch (r) {
            case ONE_DAY -> 1;
            case THREE_DAYS -> 3;
            case FIVE_DAYS -> 5;
            case ONE_WEEK -> 7;
            case TWO_WEEKS -> 14;
            case ONE_MONTH -> 30;
            case TWO_MONTHS -> 60;
            case THREE_MONTHS -> 90;
            case FOUR_MONTHS -> 120;
            case FIVE_MONTHS -> 150;
            case SIX_MONTHS -> 180;
            case ONE_YEAR -> 365;
            default -> -1;
        };
    }

    public DataConstruct data() {
        return data;
    }

    public KeysConstruct keys() {
        return keys;
    }

    public ApiConstruct api() {
        return api;
    }

    public RelayConstruct relay() {
        return relay;
    }

    public WebConstruct web() {
        return web;
    }
}
