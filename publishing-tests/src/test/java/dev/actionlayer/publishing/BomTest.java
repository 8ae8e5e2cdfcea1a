package dev.actionlayer.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * actionlayer-bom manages exactly the modules the reactor publishes, at the reactor's version, and
 * inherits nothing: a module added to the build without its line in the BOM fails here.
 */
class BomTest {
  private static final String BOM = "actionlayer-bom";

  /** Every module of the reactor that is deployed, by artifactId (the BOM itself aside). */
  static List<String> publishedModules() {
    return Pom.parent().modules().stream()
        .filter(directory -> !directory.equals(BOM))
        .map(Pom::module)
        .filter(pom -> !pom.deploySkipped())
        .map(Pom::artifactId)
        .collect(Collectors.toList());
  }

  @Test
  void theBomIsAModuleOfTheReactor() {
    assertThat(Pom.parent().modules()).contains(BOM);
  }

  @Test
  void theBomManagesEveryPublishedModuleAndNothingElse() {
    List<String> managed = Pom.module(BOM).managedDependencies().stream()
        .map(Pom.Managed::artifactId)
        .collect(Collectors.toList());

    assertThat(publishedModules()).hasSizeGreaterThan(20);
    assertThat(managed)
        .as("the artifacts %s manages (compare with the reactor's published modules)", BOM)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(publishedModules());
  }

  @Test
  void theBomLeavesOutTheModulesThatAreNotPublished() {
    List<String> managed = Pom.module(BOM).managedDependencies().stream()
        .map(Pom.Managed::artifactId)
        .collect(Collectors.toList());

    assertThat(managed).doesNotContain("benchmarks", "saga-tests", "publishing-tests", "actionlayer-parent");
  }

  @Test
  void theBomManagesEachModuleOfTheProjectAtTheProjectsVersion() {
    assertThat(Pom.module(BOM).managedDependencies()).allSatisfy(m -> {
      assertThat(m.groupId()).as(m.artifactId()).isEqualTo("dev.actionlayer");
      assertThat(m.version()).as(m.artifactId()).isEqualTo("${project.version}");
      assertThat(m.scope()).as(m.artifactId()).isNull();
      assertThat(m.type()).as(m.artifactId()).isNull();
    });
  }

  @Test
  void theBomHasNoParentAndTheReactorsCoordinates() {
    Pom bom = Pom.module(BOM);
    Pom parent = Pom.parent();

    // A parent would bring its dependencyManagement (OkHttp, Moshi, JUnit...) into every importer.
    assertThat(bom.text("parent")).isEmpty();
    assertThat(bom.text("packaging")).contains("pom");
    assertThat(bom.text("groupId")).isEqualTo(parent.text("groupId"));
    assertThat(bom.artifactId()).isEqualTo(BOM);
    assertThat(bom.text("version")).as("the BOM's version follows the reactor's").isEqualTo(parent.text("version"));
    assertThat(bom.text("dependencies")).as("a BOM declares no dependencies of its own").isEmpty();
  }
}
