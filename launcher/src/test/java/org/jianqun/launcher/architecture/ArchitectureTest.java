package org.jianqun.launcher.architecture;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build fails when the layout breaks: a role module using another, the domain's heart importing
 * infrastructure, core naming a role module's table. Maven's enforcer (root pom) refuses the same
 * dependencies at the pom level. Each rule is also run against planted breaches ({@code planted/}) to
 * show it can fail.
 */
class ArchitectureTest {
    private static final List<String> ROLES = List.of("org.jianqun.gateway..", "org.jianqun.miniapp..", "org.jianqun.console..",
            "org.jianqun.disclosure..");
    /** Tables the gateway owns (sql/V3, V4, V6): the inbox, the archive cursor, group-send tasks and their monthly budget. */
    static final Set<String> GATEWAY_TABLES = Set.of("inbox_message", "wecom_archive_cursor", "wecom_group_send", "wecom_group_send_month");

    private static JavaClasses production;
    private static JavaClasses planted;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.jianqun");
        planted = new ClassFileImporter().importPackages("org.jianqun.launcher.architecture.planted");
    }

    static Stream<String> roles() {
        return ROLES.stream();
    }

    @ParameterizedTest
    @MethodSource("roles")
    void aRoleModuleUsesNoOtherRoleModule(String role) {
        ArchitectureRules.roleStandsApart(role, ROLES.stream().filter(r -> !r.equals(role)).toList()).check(production);
    }

    @Test
    void coreUsesNoRoleModule() {
        ArchitectureRules.roleStandsApart("org.jianqun.core..", ROLES).check(production);
    }

    @Test
    void theDomainImportsNoInfrastructure() {
        ArchitectureRules.domainFreeOfInfrastructure("org.jianqun.core.ticket..", "org.jianqun.core.calendar..", "org.jianqun.core.access..")
                .check(production);
    }

    @Test
    void coreTouchesNoTableOfARoleModule() {
        ArchitectureRules.touchesNoTableOf("org.jianqun.core..", GATEWAY_TABLES).check(production);
    }

    @Test
    void eachRuleCatchesAPlantedBreach() {
        String base = "org.jianqun.launcher.architecture.planted.";
        assertThatThrownBy(() -> ArchitectureRules.domainFreeOfInfrastructure(base + "core.ticket..").check(planted))
                .isInstanceOf(AssertionError.class).hasMessageContaining("PlantedTicketRule").hasMessageContaining("io.vertx");
        assertThatThrownBy(() -> ArchitectureRules.roleStandsApart(base + "console..", List.of(base + "gateway..")).check(planted))
                .isInstanceOf(AssertionError.class).hasMessageContaining("PlantedConsoleRoute");
        assertThatThrownBy(() -> ArchitectureRules.touchesNoTableOf(base + "core..", GATEWAY_TABLES).check(planted))
                .isInstanceOf(AssertionError.class).hasMessageContaining("PlantedTicketRule names [inbox_message]");
    }
}
