package dev.actionlayer.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metadata a Maven Central release requires, on the parent, the BOM and every published module. */
class ReleaseMetadataTest {
  private static final String HOME = "https://github.com/actionlayer/actionlayer";
  private static final List<String> REQUIRED = List.of(
      "name",
      "description",
      "url",
      "inceptionYear",
      "licenses/license/name",
      "licenses/license/url",
      "developers/developer/name",
      "scm/connection",
      "scm/developerConnection",
      "scm/url");

  @Test
  void theParentCarriesWhatMavenCentralRequires() {
    Pom parent = Pom.parent();

    assertThat(REQUIRED).allSatisfy(path -> assertThat(parent.text(path)).as(path).isPresent());
    assertThat(parent.text("url")).contains(HOME);
    assertThat(parent.text("licenses/license/name")).contains("Apache-2.0");
    assertThat(parent.text("licenses/license/url")).contains("https://www.apache.org/licenses/LICENSE-2.0.txt");
    assertThat(parent.text("licenses/license/distribution")).contains("repo");
    assertThat(parent.text("developers/developer/name")).contains("Actionlayer developers");
    assertThat(parent.text("scm/url")).contains(HOME);
    assertThat(parent.text("scm/connection")).contains("scm:git:" + HOME + ".git");
  }

  @Test
  void modulesInheritTheProjectsHomeInsteadOfAppendingTheirOwnName() {
    Pom parent = Pom.parent();

    // Without these, Maven gives each module <home>/<artifactId>, a page that does not exist.
    assertThat(parent.attribute("", "child.project.url.inherit.append.path")).contains("false");
    assertThat(List.of("connection", "developerConnection", "url")).allSatisfy(part ->
        assertThat(parent.attribute("scm", "child.scm." + part + ".inherit.append.path"))
            .as(part).contains("false"));
  }

  @Test
  void theBomCarriesTheSameMetadataAsTheParent() {
    Pom parent = Pom.parent();
    Pom bom = Pom.module("actionlayer-bom");

    assertThat(REQUIRED).allSatisfy(path -> assertThat(bom.text(path)).as(path).isPresent());
    assertThat(REQUIRED.stream().filter(p -> !p.equals("name") && !p.equals("description")))
        .allSatisfy(path -> assertThat(bom.text(path)).as(path).isEqualTo(parent.text(path)));
  }

  @Test
  void everyPublishedModuleHasItsOwnNameAndDescription() {
    assertThat(BomTest.publishedModules()).allSatisfy(artifactId -> {
      Pom pom = Pom.module(directoryOf(artifactId));
      assertThat(pom.text("name")).as(artifactId + " <name>").hasValueSatisfying(v -> assertThat(v).isNotBlank());
      assertThat(pom.text("description")).as(artifactId + " <description>")
          .hasValueSatisfying(v -> assertThat(v).isNotBlank());
    });
  }

  @Test
  void theLicenceIsTheFullApacheLicence2() throws IOException {
    String licence = Files.readString(Pom.root().resolve("LICENSE"));

    assertThat(licence)
        .contains("Apache License", "Version 2.0, January 2004")
        .contains("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION")
        .contains("9. Accepting Warranty or Additional Liability.")
        .contains("END OF TERMS AND CONDITIONS")
        .contains("APPENDIX: How to apply the Apache License to your work.");
    assertThat(licence.lines().count()).isEqualTo(202);
  }

  private static String directoryOf(String artifactId) {
    return Pom.parent().modules().stream()
        .filter(directory -> Pom.module(directory).artifactId().equals(artifactId))
        .findFirst()
        .orElseThrow();
  }
}
