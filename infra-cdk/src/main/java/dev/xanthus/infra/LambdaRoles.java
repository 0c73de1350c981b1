package dev.xanthus.infra;

import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.constructs.Construct;

/**
 * A function role that may write to its own log group and nothing else until granted more. It replaces the
 * default role, whose managed policy lets a function create and write to any log group in the account.
 */
final class LambdaRoles {

    private LambdaRoles() {}

    static Role forLogGroup(Construct scope, String id, ILogGroup logGroup) {
        Role role = Role.Builder.create(scope, id)
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .build();
        logGroup.grantWrite(role);
        return role;
    }
}
