package org.stacklab.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules written in docs/architecture.md (and in each package-info): lower layers never
 * import upper ones; only cli and bridge touch the real world. Change a rule there and here together.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.stacklab");
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }

    @Test
    void simImportsNothingOfTheEngine() {
        check(noClasses().that().resideInAPackage("org.stacklab.sim..").should().dependOnClassesThat()
                .resideInAnyPackage("org.stacklab.wire..", "org.stacklab.trace..", "org.stacklab.net..",
                        "org.stacklab.transport..", "org.stacklab.process..", "org.stacklab.scenario..",
                        "org.stacklab.bridge..", "org.stacklab.cli.."));
    }

    @Test
    void wireImportsNothingOfTheEngine() {
        check(noClasses().that().resideInAPackage("org.stacklab.wire..").should().dependOnClassesThat()
                .resideInAnyPackage("org.stacklab.sim..", "org.stacklab.trace..", "org.stacklab.net..",
                        "org.stacklab.transport..", "org.stacklab.process..", "org.stacklab.scenario..",
                        "org.stacklab.bridge..", "org.stacklab.cli.."));
    }

    @Test
    void traceImportsOnlySimAndWire() {
        check(noClasses().that().resideInAPackage("org.stacklab.trace..").should().dependOnClassesThat()
                .resideInAnyPackage("org.stacklab.net..", "org.stacklab.transport..", "org.stacklab.process..",
                        "org.stacklab.scenario..", "org.stacklab.bridge..", "org.stacklab.cli.."));
    }

    @Test
    void traceBaseNeverImportsItsFormats() {
        check(noClasses().that().resideInAPackage("org.stacklab.trace").should().dependOnClassesThat()
                .resideInAPackage("org.stacklab.trace.format.."));
    }

    @Test
    void plainFormatsNeverImportTheHtmlPage() {
        check(noClasses().that().resideInAPackage("org.stacklab.trace.format").should().dependOnClassesThat()
                .resideInAPackage("org.stacklab.trace.format.html.."));
    }

    @Test
    void netNeverImportsTransportOrAbove() {
        check(noClasses().that().resideInAPackage("org.stacklab.net..").should().dependOnClassesThat()
                .resideInAnyPackage("org.stacklab.transport..", "org.stacklab.process..", "org.stacklab.scenario..",
                        "org.stacklab.bridge..", "org.stacklab.cli..", "org.stacklab.trace.format.."));
    }

    /** docs/architecture.md: net defines the PacketFilter hooks; net.filter implements them, net never imports it. */
    @Test
    void netCallsItsFilterOnlyThroughTheHookInterface() {
        check(noClasses().that().resideInAPackage("org.stacklab.net").should().dependOnClassesThat()
                .resideInAPackage("org.stacklab.net.filter.."));
    }

    @Test
    void transportNeverImportsProcessOrAbove() {
        check(noClasses().that().resideInAPackage("org.stacklab.transport..").should().dependOnClassesThat()
                .resideInAnyPackage("org.stacklab.process..", "org.stacklab.scenario..", "org.stacklab.bridge..",
                        "org.stacklab.cli..", "org.stacklab.trace.format.."));
    }

    @Test
    void tcpAndUdpNeverImportEachOther() {
        check(noClasses().that().resideInAPackage("org.stacklab.transport.tcp..").should().dependOnClassesThat()
                .resideInAPackage("org.stacklab.transport.udp.."));
        check(noClasses().that().resideInAPackage("org.stacklab.transport.udp..").should().dependOnClassesThat()
                .resideInAPackage("org.stacklab.transport.tcp.."));
    }

    @Test
    void transportBaseKnowsNeitherTcpNorUdp() {
        check(noClasses().that().resideInAPackage("org.stacklab.transport").should().dependOnClassesThat()
                .resideInAnyPackage("org.stacklab.transport.tcp..", "org.stacklab.transport.udp.."));
    }

    @Test
    void processNeverImportsScenarioBridgeOrCli() {
        check(noClasses().that().resideInAPackage("org.stacklab.process..").should().dependOnClassesThat()
                .resideInAnyPackage("org.stacklab.scenario..", "org.stacklab.bridge..", "org.stacklab.cli..",
                        "org.stacklab.trace.format.."));
    }

    @Test
    void scenarioNeverImportsBridgeOrCli() {
        check(noClasses().that().resideInAPackage("org.stacklab.scenario..").should().dependOnClassesThat()
                .resideInAnyPackage("org.stacklab.bridge..", "org.stacklab.cli.."));
    }

    /**
     * bridge's package-info: it imports process, transport, wire, trace, sim, net (drop counts) and scenario
     * (to run the simulated side); never cli, and it writes no report (trace.format).
     */
    @Test
    void bridgeNeverImportsCliOrReportWriters() {
        check(noClasses().that().resideInAPackage("org.stacklab.bridge..").should().dependOnClassesThat()
                .resideInAnyPackage("org.stacklab.cli..", "org.stacklab.trace.format.."));
    }

    /** cli.bench's package-info: it measures the simulation only, so never the real-socket bridge. */
    @Test
    void benchNeverImportsTheBridge() {
        check(noClasses().that().resideInAPackage("org.stacklab.cli.bench..").should().dependOnClassesThat()
                .resideInAPackage("org.stacklab.bridge.."));
    }

    @Test
    void onlyTheBridgesLibcBindingCallsNativeCode() {
        check(noClasses().that().resideOutsideOfPackage("org.stacklab.bridge.libc..").should().dependOnClassesThat()
                .resideInAnyPackage("com.sun.jna.."));
    }

    /** bridge.netns's package-info: it builds a network from net's topology through bridge.libc, and uses nothing else of the project. */
    @Test
    void theNamespaceNetworkKnowsOnlyTheTopologyAndLibc() {
        check(noClasses().that().resideInAPackage("org.stacklab.bridge.netns..").should().dependOnClassesThat()
                .resideInAnyPackage("org.stacklab.bridge", "org.stacklab.bridge.fuzz..", "org.stacklab.process..",
                        "org.stacklab.scenario..", "org.stacklab.transport..", "org.stacklab.cli.."));
    }

    @Test
    void theLibcBindingKnowsOnlyAddressesAndErrnos() {
        check(noClasses().that().resideInAPackage("org.stacklab.bridge.libc..").should().dependOnClassesThat()
                .resideInAnyPackage("org.stacklab.bridge", "org.stacklab.process..", "org.stacklab.scenario..",
                        "org.stacklab.sim..", "org.stacklab.cli.."));
    }

    @Test
    void onlyCliAndBridgeTouchTheRealWorld() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages("org.stacklab.cli..", "org.stacklab.bridge..")
                .should().callMethod(System.class, "exit", int.class)
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().dependOnClassesThat().resideInAnyPackage("java.net..", "java.nio.channels..");
        check(rule);
    }
}
