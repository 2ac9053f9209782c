package io.strata.reconciler.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of ARCHITECTURE.md as tests over the compiled classes of every module (this
 * module's test classpath has them all): the planner decides without I/O, only the executors' hosts
 * start processes, the executors do not know the simulator, and no package depends on itself
 * through others.
 */
class ArchitectureTest {
  private static JavaClasses strata;

  @BeforeAll
  static void load() {
    strata =
        new ClassFileImporter()
            // the other modules are class folders under "mvn test" and jars under "mvn verify"
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // and the test-jars (schema's fuzz harness) are jars of test classes
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("io.strata");
  }

  @Test
  void thePlannerDoesNoIo() {
    noClasses()
        .that()
        .resideInAPackage("io.strata.planner..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.io..", "java.nio.file..", "java.net..", "java.nio.channels..")
        .andShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.lang.ProcessBuilder")
        .because("the planner is pure: placement, diff and ordering are functions of their input")
        .check(strata);
  }

  @Test
  void theSchemaReadsFilesOnlyInItsLoader() {
    noClasses()
        .that()
        .resideInAPackage("io.strata.schema..")
        .and()
        .resideOutsideOfPackage("io.strata.schema.load..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.nio.file..", "java.net..")
        .check(strata);
  }

  @Test
  void onlyTheExecutorsHostsStartProcesses() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.strata.executors.host..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("java.lang.ProcessBuilder")
        .because("commands are argv lists run by a Host, never anywhere else")
        .check(strata);
  }

  @Test
  void theExecutorsDoNotKnowTheSimulator() {
    noClasses()
        .that()
        .resideInAPackage("io.strata.executors..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.strata.simulator..")
        .because("the simulated cluster is one Host among others; only the reconciler wires it in")
        .check(strata);
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.strata.(**)").should().beFreeOfCycles().check(strata);
  }
}
