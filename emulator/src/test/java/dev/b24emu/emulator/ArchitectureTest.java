package dev.b24emu.emulator;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.members;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The house rules of docs/ARCHITECTURE.md, checked on every build. Each failure names the class and the import that
 * breaks the rule.
 */
@AnalyzeClasses(packages = "dev.b24emu.emulator", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String INTERNAL = "dev.b24emu.emulator.internal.";

    /** The API areas in dependency order: an area may use the ones before it, never one after it. */
    static final List<String> AREAS = List.of("users", "lists", "timeman", "crm", "products", "tasks", "calendar",
            "outbound", "events", "apps", "im", "placements", "telephony", "disk", "voximplant", "followup", "callcard", "ui");

    /** The framework every area stands on; it knows no area. */
    static final List<String> FRAMEWORK = List.of("transport", "clock", "phone", "journal", "portal", "rest", "control", "tls",
            "area");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("dev.b24emu.emulator.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule transportKnowsNoPortalAndNoArea = noClasses().that().resideInAPackage(INTERNAL + "transport..")
            .should().dependOnClassesThat().resideInAnyPackage(packagesOf(Stream.concat(AREAS.stream(),
                    Stream.of("portal", "rest", "control", "area", "server", "journal")).toList()))
            .because("the transport reads and answers HTTP requests; who calls and what runs is decided by the stages"
                    + " the portal layer plugs into its pipeline");

    @ArchTest
    static final ArchRule theFrameworkKnowsNoArea = noClasses().that().resideInAnyPackage(packagesOf(FRAMEWORK))
            .should().dependOnClassesThat().resideInAnyPackage(packagesOf(AREAS))
            .because("portals own their stores through the Store contract without knowing them, and the request path"
                    + " reaches applications through the TokenResolver interface");

    @ArchTest
    static void areasDependOnlyOnTheAreasBeforeThem(JavaClasses classes) {
        for (int i = 0; i < AREAS.size(); i++) {
            List<String> later = AREAS.subList(i + 1, AREAS.size());
            if (later.isEmpty()) {
                continue;
            }
            noClasses().that().resideInAPackage(INTERNAL + AREAS.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(packagesOf(later))
                    .because("areas are layered " + AREAS + ": a lower area hears of a higher one only through a"
                            + " listener interface it declares itself (CallListener, Applications)")
                    .check(classes);
        }
    }

    @ArchTest
    static final ArchRule noAreaUsesAnotherAreasApi = classes().that().resideInAPackage(INTERNAL + "(*).api..")
            .should(onlyBeUsedFromTheirOwnArea())
            .because("an area's api package holds its REST methods, control routes and wiring: other areas use its"
                    + " domain, never its API");

    @ArchTest
    static final ArchRule theInsideNeverUsesTheEmbeddingApi = noClasses().that().resideInAPackage(INTERNAL.replaceAll("\\.$", "") + "..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.b24emu.emulator", "dev.b24emu.emulator.junit",
                    "dev.b24emu.emulator.cli", "dev.b24emu.emulator.testing")
            .because("the embedding API is a face over the server; the server must not depend on its own face");

    @ArchTest
    static final ArchRule theEmbeddingApiHandsOutNoInternalType = members().that().areDeclaredInClassesThat()
            .resideInAnyPackage("dev.b24emu.emulator", "dev.b24emu.emulator.junit", "dev.b24emu.emulator.testing")
            .and().arePublic()
            .should(exposeNoInternalType())
            .because("users' tests compile against the API only; internals may change in any release");

    @ArchTest
    static final ArchRule domainCodeServesNoRoutes = noClasses().that()
            .resideInAnyPackage(AREAS.stream().filter(a -> !a.equals("ui")).map(a -> INTERNAL + a).toArray(String[]::new))
            .should().dependOnClassesThat().resideInAPackage("io.vertx.ext.web..")
            .because("routes live in an area's api package; its domain is plain Java, testable without HTTP");

    private static String[] packagesOf(List<String> names) {
        return names.stream().map(name -> INTERNAL + name + "..").toArray(String[]::new);
    }

    /** Classes of an area's api package are used only by that area, the server that wires it, and the embedding API. */
    private static ArchCondition<JavaClass> onlyBeUsedFromTheirOwnArea() {
        return new ArchCondition<>("only be used from their own area, the server and the embedding API") {
            @Override
            public void check(JavaClass api, ConditionEvents events) {
                String area = areaOf(api.getPackageName());
                api.getDirectDependenciesToSelf().forEach(dependency -> {
                    JavaClass user = dependency.getOriginClass();
                    String from = user.getPackageName();
                    boolean allowed = area.equals(areaOf(from)) || from.startsWith(INTERNAL + "server")
                            || !from.startsWith(INTERNAL);
                    if (!allowed) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                });
            }
        };
    }

    private static String areaOf(String packageName) {
        if (!packageName.startsWith(INTERNAL)) {
            return "";
        }
        String rest = packageName.substring(INTERNAL.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static ArchCondition<JavaMember> exposeNoInternalType() {
        return new ArchCondition<>("expose no type of dev.b24emu.emulator.internal") {
            @Override
            public void check(JavaMember member, ConditionEvents events) {
                List<JavaClass> exposed = new ArrayList<>();
                if (member instanceof JavaMethod method) {
                    exposed.add(method.getRawReturnType());
                    exposed.addAll(method.getRawParameterTypes());
                } else if (member instanceof com.tngtech.archunit.core.domain.JavaConstructor constructor) {
                    exposed.addAll(constructor.getRawParameterTypes());
                } else if (member instanceof com.tngtech.archunit.core.domain.JavaField field) {
                    exposed.add(field.getRawType());
                }
                boolean visible = member.getOwner().getModifiers().contains(JavaModifier.PUBLIC);
                for (JavaClass type : exposed) {
                    if (visible && INTERNAL_TYPE.test(type)) {
                        events.add(SimpleConditionEvent.violated(member, member.getFullName() + " exposes "
                                + type.getName()));
                    }
                }
            }
        };
    }

    private static final DescribedPredicate<JavaClass> INTERNAL_TYPE = DescribedPredicate.describe("internal",
            type -> type.getPackageName().startsWith(INTERNAL));
}
