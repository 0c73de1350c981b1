package dev.xanthus.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed {@code template.yaml} is the generator's output, and passes the offline SAM/CloudFormation validator. */
class SamTemplateTest {

    private static final Path TEMPLATE = TestStacks.REPO_ROOT.resolve("template.yaml");

    @Test
    void committedTemplate_shouldBeWhatTheGeneratorWrites_fromTheRouteTableInTheJar() throws IOException {
        String expected = SamTemplate.render(TestStacks.catalog(), SamTemplate.codeUri(TestStacks.LAMBDA_JAR));
        assertThat(Files.readString(TEMPLATE))
                .as("template.yaml is stale: regenerate it with mvn -q -pl infra-cdk exec:java@sam-template")
                .isEqualTo(expected);
    }

    @Test
    void committedTemplate_shouldPassTheValidator() throws Exception {
        Result result = validate(TEMPLATE);
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void brokenTemplate_shouldFailTheValidator(@TempDir Path dir) throws Exception {
        // given: a reference to a resource that does not exist, and a property no function has
        String broken = Files.readString(TEMPLATE)
                .replace("TableName:\n    Value: !Ref Table", "TableName:\n    Value: !Ref NoSuchTable")
                .replace(
                        "      BillingMode: PAY_PER_REQUEST\n",
                        "      BillingMode: PAY_PER_REQUEST\n      MemorySizeInMegabytes: 1024\n");
        assertThat(broken).contains("NoSuchTable").contains("MemorySizeInMegabytes");
        Path copy = dir.resolve("template.yaml");
        Files.writeString(copy, broken);

        // when
        Result result = validate(copy);

        // then
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("NoSuchTable").contains("MemorySizeInMegabytes");
    }

    @Test
    void template_shouldGiveEveryFunctionSnapStartAnAliasAndItsHandler() {
        String yaml = SamTemplate.render(TestStacks.catalog(), "app.jar");
        assertThat(yaml)
                .contains(
                        "SnapStart:\n      ApplyOn: PublishedVersions",
                        "AutoPublishAlias: live",
                        "Runtime: java21",
                        "JAVA_TOOL_OPTIONS: -XX:TieredStopAtLevel=1",
                        "AttributeName: ttl",
                        "PointInTimeRecoveryEnabled: true",
                        "DeletionProtectionEnabled: true");
        TestStacks.catalog().functions().forEach(fn -> assertThat(yaml).contains("Handler: " + fn.handler()));
        assertThat(yaml).doesNotContain("JWT_PRIVATE_JWK", "DATA_KEY:", "DynamoDBCrudPolicy");
    }

    record Result(int exitCode, String output) {}

    static Result validate(Path template) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("node", "validate-template.js", template.toString()))
                .directory(TestStacks.MODULE.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }
}
