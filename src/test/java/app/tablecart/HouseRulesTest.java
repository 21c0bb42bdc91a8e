package app.tablecart;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The structure of the code, checked at every build: features ({@code auth}, {@code table}, {@code menu},
 * {@code cart}, {@code order}) stand on {@code platform} and each other without cycles and never reach into another
 * feature's {@code boundary}; {@code realtime} is transport only; {@code live} wires features to it and nobody
 * imports it; {@code demo} sits on top.
 */
class HouseRulesTest {

    private static final String BASE = "app.tablecart";
    private static final List<String> FEATURES = List.of("auth", "table", "menu", "cart", "order");
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    void noPackagesImportEachOther() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(MAIN);
        slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void noFeatureReachesIntoAnotherFeaturesBoundary() {
        for (String feature : FEATURES) {
            noClasses()
                    .that()
                    .resideOutsideOfPackage(BASE + "." + feature + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage(BASE + "." + feature + ".boundary..")
                    .because("features talk through CDI events or a small public service, not another's boundary")
                    .check(MAIN);
        }
    }

    @Test
    void realtimeIsTransportOnlyAndPlatformStandsOnNothing() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".realtime..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(features("live", "demo"))
                .check(MAIN);
        noClasses()
                .that()
                .resideInAPackage(BASE + ".platform..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(features("realtime", "live", "demo"))
                .check(MAIN);
    }

    @Test
    void nothingButTheTopImportsLiveOrDemo() {
        noClasses()
                .that()
                .resideOutsideOfPackages(BASE + ".live..", BASE + ".demo..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(BASE + ".live..", BASE + ".demo..")
                .check(MAIN);
    }

    private static String[] features(String... more) {
        return java.util.stream.Stream.concat(FEATURES.stream(), java.util.Arrays.stream(more))
                .map(name -> BASE + "." + name + "..")
                .toArray(String[]::new);
    }
}
