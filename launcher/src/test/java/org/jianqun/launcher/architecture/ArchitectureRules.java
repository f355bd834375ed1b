package org.jianqun.launcher.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The layout DESIGN.md's "Architecture" promises, as rules over compiled classes. Each takes the
 * packages it speaks of, so that {@code ArchitectureTest} can show a planted breach being caught.
 */
final class ArchitectureRules {
    /** What the domain's heart must not know: the web, HTTP, JDBC and SQL mapping, WeChat. */
    static final String[] INFRASTRUCTURE = {"io.vertx..", "java.net.http..", "java.sql..", "javax.sql..", "org.apache.ibatis..",
            "com.zaxxer..", "org.flywaydb..", "io.lettuce..", "me.chanjar..", "cn.binarywang..", "com.github.binarywang..",
            "org.jianqun.core.persistence..", "org.jianqun.core.http.."};

    private ArchitectureRules() {
    }

    /** A role module's classes use no other role module's classes. */
    static ArchRule roleStandsApart(String role, List<String> otherRoles) {
        return noClasses().that().resideInAPackage(role)
                .should().dependOnClassesThat().resideInAnyPackage(otherRoles.toArray(String[]::new))
                .because("role modules depend on core only; what one needs of another comes through a core interface wired by the launcher");
    }

    static ArchRule domainFreeOfInfrastructure(String... domainPackages) {
        return noClasses().that().resideInAnyPackage(domainPackages)
                .should().dependOnClassesThat().resideInAnyPackage(INFRASTRUCTURE)
                .because("the state machine, the calendar and the access policy are plain Java (DESIGN.md)");
    }

    /**
     * No class of {@code corePackage} names a table a role module owns, in SQL or anywhere else: the
     * class file's constants are searched, so a mapper annotation, a JDBC string or a constant all count.
     */
    static ArchRule touchesNoTableOf(String corePackage, Set<String> roleTables) {
        Pattern names = Pattern.compile("\\b(" + String.join("|", roleTables) + ")\\b");
        return ArchRuleDefinition.classes().that().resideInAPackage(corePackage)
                .should(new ArchCondition<>("name no table a role module owns " + roleTables) {
                    @Override
                    public void check(JavaClass item, ConditionEvents events) {
                        List<String> found = new ArrayList<>();
                        names.matcher(constantsOf(item)).results().map(r -> r.group(1)).distinct().forEach(found::add);
                        if (!found.isEmpty()) {
                            events.add(SimpleConditionEvent.violated(item, item.getName() + " names " + found));
                        }
                    }
                })
                .because("a role module's tables are its own: core asks it through an interface (e.g. ChatSideReports)");
    }

    private static String constantsOf(JavaClass type) {
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.reflect().getClassLoader().getResourceAsStream(resource)) {
            // Class-file constants of ASCII text are stored as plain bytes: reading them as Latin-1 keeps every table name intact.
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
