package dev.xanthus.api.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.web.bind.annotation.RestController;

/** The layering docs/architecture.md describes, checked on the production classes of api, core and clients. */
@AnalyzeClasses(
        packages = "dev.xanthus",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

    /** Core's test-jar (its test helpers) sits on this module's classpath as a jar; it is test code too. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar") && !location.contains("/test-classes/");
        }
    }

    @ArchTest
    static final ArchRule controllersCallServicesOnly = noClasses()
            .that()
            .areAnnotatedWith(RestController.class)
            .should()
            .dependOnClassesThat()
            .areAnnotatedWith(RestController.class)
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.xanthus.clients..", "dev.xanthus.core.dynamo..", "dev.xanthus.core.kv..", "software.amazon..")
            .orShould()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("Repository")
            .because(
                    "a controller parses, calls one service and answers; storage and provider clients are the services' "
                            + "business");

    @ArchTest
    static final ArchRule coreHasNoFrameworks = noClasses()
            .that()
            .resideInAPackage("dev.xanthus.core..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "dev.xanthus.api..",
                    "software.amazon.awssdk.services.lambda..",
                    "com.amazonaws.services.lambda..",
                    "com.amazonaws.serverless..")
            .because("core runs the same in a Lambda, the local stack and a unit test: no Spring, no Lambda types");

    @ArchTest
    static final ArchRule clientsStandAlone = noClasses()
            .that()
            .resideInAPackage("dev.xanthus.clients..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.xanthus.core..", "dev.xanthus.api..")
            .because("provider clients know the providers' wire, nothing of Xanthus");

    @ArchTest
    static final ArchRule sandboxNeverInProduction = noClasses()
            .that()
            .resideInAnyPackage("dev.xanthus.api..", "dev.xanthus.core..", "dev.xanthus.clients..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.xanthus.sandbox..")
            .because("the simulators are for tests and the local stack; LambdaJarIT checks the jar holds none of them");

    @ArchTest
    static final ArchRule corePackagesAcyclic =
            slices().matching("dev.xanthus.core.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule apiPackagesAcyclic =
            slices().matching("dev.xanthus.api.(*)..").should().beFreeOfCycles();
}
