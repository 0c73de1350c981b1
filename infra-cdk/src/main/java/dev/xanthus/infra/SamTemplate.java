package dev.xanthus.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Generates {@code template.yaml}: the API half as a SAM template (table, keys, one function per route group plus
 * the deploy worker, the HTTP API with exactly the routes of the route table), for {@code sam deploy} without the
 * relay. Generated from the same {@link FunctionCatalog} as the CDK stack; a test fails when the committed file
 * is stale. Run: {@code mvn -B -q -pl infra-cdk -am package -DskipTests && mvn -q -pl infra-cdk exec:java@sam-template}.
 */
public final class SamTemplate {

    private SamTemplate() {}

    /** Args: [lambda jar] [output]; defaults for a run from {@code infra-cdk/}. */
    public static void main(String[] args) throws IOException {
        Path jar = Path.of(
                args.length > 0 ? args[0] : XanthusProps.defaults().lambdaJar().toString());
        Path out = Path.of(args.length > 1 ? args[1] : "../template.yaml");
        FunctionCatalog catalog = FunctionCatalog.fromJar(jar);
        Files.writeString(out, render(catalog, codeUri(jar)), StandardCharsets.UTF_8);
        System.out.println("wrote " + out.toAbsolutePath().normalize() + " ("
                + catalog.routes().size() + " routes)");
    }

    /** The jar's path as {@code template.yaml} (at the repository root) names it. */
    static String codeUri(Path jar) {
        return "functions/api/target/" + jar.getFileName();
    }

    public static String render(FunctionCatalog catalog, String codeUri) {
        StringBuilder y = new StringBuilder();
        y.append(
                """
        # GENERATED from the route table in the Lambda jar by dev.xanthus.infra.SamTemplate: do not edit by hand.
        # Regenerate: mvn -B -q -pl infra-cdk -am package -DskipTests && mvn -q -pl infra-cdk exec:java@sam-template
        AWSTemplateFormatVersion: '2010-09-09'
        Transform: AWS::Serverless-2016-10-31
        Description: >-
          Xanthus, the API half: DynamoDB table, keys, one Lambda function per route group plus the deploy worker
          (SnapStart, alias live) and the HTTP API routes of openapi.yaml. The relay, the site and CloudFront are in
          the CDK app (infra-cdk).

        Parameters:
          FunctionMemoryMb:
            Type: Number
            Default: 1024
            MinValue: 256
            MaxValue: 10240
          LogRetentionDays:
            Type: Number
            Default: 30
            AllowedValues: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365]
          AllowedOrigins:
            Type: String
            Default: ''
            Description: Comma-separated origins (https://host) of the site that calls this API.
          RelayPublicUrl:
            Type: String
            Default: ''
            Description: The relay's WebSocket URL (wss://host/ws), if you run one.
          Mode:
            Type: String
            Default: real
            AllowedValues: [real, sandbox]
          ThrottleRatePerSecond:
            Type: Number
            Default: 50
          ThrottleBurst:
            Type: Number
            Default: 100

        Globals:
          Function:
        """);
        y.append("    CodeUri: ").append(codeUri).append('\n');
        y.append(
                """
            Runtime: java21
            Architectures: [arm64]
            MemorySize: !Ref FunctionMemoryMb
            Timeout: 29
            SnapStart:
              ApplyOn: PublishedVersions
            AutoPublishAlias: live
            Environment:
              Variables:
                TABLE_NAME: !Ref Table
                XANTHUS_MODE: !Ref Mode
                JAVA_TOOL_OPTIONS: -XX:TieredStopAtLevel=1
                DATA_KEY_CIPHERTEXT: !GetAtt Keys.DataKeyCiphertext
                JWT_SECRET_ARN: !Ref JwtSigningKey
                ALLOWED_ORIGINS: !Ref AllowedOrigins

        Resources:
          Table:
            Type: AWS::DynamoDB::Table
            DeletionPolicy: Retain
            UpdateReplacePolicy: Retain
            Properties:
              BillingMode: PAY_PER_REQUEST
              AttributeDefinitions:
                - { AttributeName: pk, AttributeType: S }
                - { AttributeName: sk, AttributeType: S }
              KeySchema:
                - { AttributeName: pk, KeyType: HASH }
                - { AttributeName: sk, KeyType: RANGE }
              TimeToLiveSpecification:
                AttributeName: ttl
                Enabled: true
              PointInTimeRecoverySpecification:
                PointInTimeRecoveryEnabled: true
              DeletionProtectionEnabled: true
              SSESpecification:
                SSEEnabled: true

          DataKeyWrapper:
            Type: AWS::KMS::Key
            DeletionPolicy: Retain
            UpdateReplacePolicy: Retain
            Properties:
              Description: 'Xanthus: wraps the AES data key that seals session secrets'
              EnableKeyRotation: true
              KeyPolicy:
                Version: '2012-10-17'
                Statement:
                  - Sid: AccountAdministersTheKeyThroughIam
                    Effect: Allow
                    Principal:
                      AWS: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:root
                    Action: kms:*
                    Resource: '*'

          JwtSigningKey:
            Type: AWS::SecretsManager::Secret
            Properties:
              Description: 'Xanthus: ES256 private JWK that signs session tokens (written by the key generator)'

          KeysGeneratorLogs:
            Type: AWS::Logs::LogGroup
            Properties:
              RetentionInDays: !Ref LogRetentionDays

          KeysGeneratorRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: '2012-10-17'
                Statement:
                  - Effect: Allow
                    Principal: { Service: lambda.amazonaws.com }
                    Action: sts:AssumeRole
              Policies:
                - PolicyName: generate-keys
                  PolicyDocument:
                    Version: '2012-10-17'
                    Statement:
                      - Effect: Allow
                        Action: [logs:CreateLogStream, logs:PutLogEvents]
                        Resource: !GetAtt KeysGeneratorLogs.Arn
                      - Effect: Allow
                        Action: kms:GenerateDataKeyWithoutPlaintext
                        Resource: !GetAtt DataKeyWrapper.Arn
                      - Effect: Allow
                        Action: secretsmanager:PutSecretValue
                        Resource: !Ref JwtSigningKey

          KeysGenerator:
            Type: AWS::Lambda::Function
            Properties:
              Description: Xanthus generates the data key, the JWT signing key and the origin token at deploy time
              Runtime: nodejs22.x
              Handler: index.handler
              MemorySize: 256
              Timeout: 60
              Role: !GetAtt KeysGeneratorRole.Arn
              LoggingConfig:
                LogGroup: !Ref KeysGeneratorLogs
              Code:
                ZipFile: |
        """);
        KeysConstruct.providerSource().lines().forEach(line -> y.append(line.isEmpty() ? "" : "          " + line)
                .append('\n'));
        y.append(
                """

          Keys:
            Type: Custom::XanthusKeys
            Properties:
              ServiceToken: !GetAtt KeysGenerator.Arn
              KeyId: !GetAtt DataKeyWrapper.Arn
              SecretId: !Ref JwtSigningKey
              Generation: '1'

          HttpApi:
            Type: AWS::Serverless::HttpApi
            Properties:
              Description: 'Xanthus API: the routes of openapi.yaml'
              DefaultRouteSettings:
                ThrottlingRateLimit: !Ref ThrottleRatePerSecond
                ThrottlingBurstLimit: !Ref ThrottleBurst
        """);

        FunctionCatalog.Fn worker = catalog.worker().orElse(null);
        for (FunctionCatalog.Fn fn : catalog.functions()) {
            String name = fn.pascalName();
            y.append('\n');
            y.append("  ").append(name).append("Logs:\n");
            y.append("    Type: AWS::Logs::LogGroup\n");
            y.append("    Properties:\n");
            y.append("      RetentionInDays: !Ref LogRetentionDays\n\n");
            y.append("  ").append(name).append("Function:\n");
            y.append("    Type: AWS::Serverless::Function\n");
            y.append("    Properties:\n");
            y.append("      Description: Xanthus ").append(fn.id()).append(" function\n");
            y.append("      Handler: ").append(fn.handler()).append('\n');
            if (fn.isWorker()) {
                y.append("      Timeout: 900\n");
                y.append("      EventInvokeConfig:\n");
                y.append("        MaximumRetryAttempts: 2\n");
                y.append("        MaximumEventAgeInSeconds: 3600\n");
            }
            y.append("      LoggingConfig:\n");
            y.append("        LogGroup: !Ref ").append(name).append("Logs\n");
            boolean invokesWorker = fn.startsJobs() && worker != null;
            boolean relayUrl = fn.id().equals("terminal");
            if (invokesWorker || relayUrl) {
                y.append("      Environment:\n");
                y.append("        Variables:\n");
                if (invokesWorker) {
                    y.append("          DEPLOY_WORKER_FUNCTION: !Ref ")
                            .append(worker.pascalName())
                            .append("FunctionAliaslive\n");
                }
                if (relayUrl) {
                    y.append("          RELAY_PUBLIC_URL: !Ref RelayPublicUrl\n");
                }
            }
            y.append("      Policies:\n");
            y.append("        - Statement:\n");
            y.append("            - Effect: Allow\n");
            y.append("              Action: [")
                    .append(String.join(", ", DataConstruct.ITEM_ACTIONS))
                    .append("]\n");
            y.append("              Resource: !GetAtt Table.Arn\n");
            y.append("        - KMSDecryptPolicy:\n");
            y.append("            KeyId: !Ref DataKeyWrapper\n");
            y.append("        - AWSSecretsManagerGetSecretValuePolicy:\n");
            y.append("            SecretArn: !Ref JwtSigningKey\n");
            if (invokesWorker) {
                y.append("        - Statement:\n");
                y.append("            - Effect: Allow\n");
                y.append("              Action: lambda:InvokeFunction\n");
                y.append("              Resource: !Ref ")
                        .append(worker.pascalName())
                        .append("FunctionAliaslive\n");
            }
            if (!catalog.routesOf(fn.id()).isEmpty()) {
                y.append("      Events:\n");
                Set<String> names = new HashSet<>();
                for (FunctionCatalog.Route route : catalog.routesOf(fn.id())) {
                    y.append("        ").append(eventName(route, names)).append(":\n");
                    y.append("          Type: HttpApi\n");
                    y.append("          Properties:\n");
                    y.append("            ApiId: !Ref HttpApi\n");
                    y.append("            Method: ").append(route.method()).append('\n');
                    y.append("            Path: '").append(route.path()).append("'\n");
                }
            }
        }

        y.append(
                """

        Outputs:
          ApiEndpoint:
            Value: !Sub https://${HttpApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}
          TableName:
            Value: !Ref Table
        """);
        return y.toString();
    }

    /** {@code GET /api/v1/vps/{id}} → {@code GetApiV1VpsId}; unique within the function. */
    static String eventName(FunctionCatalog.Route route, Set<String> taken) {
        StringBuilder name = new StringBuilder(capitalize(route.method().toLowerCase(Locale.ROOT)));
        for (String part : route.path().split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                name.append(capitalize(part));
            }
        }
        String base = name.toString();
        String unique = base;
        for (int i = 2; !taken.add(unique); i++) {
            unique = base + i;
        }
        return unique;
    }

    private static String capitalize(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
