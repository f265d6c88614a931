package io.vulnsift.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The CycloneDX SBOM the build writes at {@code package} ({@code target/bom.json}, {@code
 * target/bom.xml}) lists what ships — the runtime dependencies at the versions the POM pins — and
 * nothing that only the tests use. Run by failsafe after {@code package}; a failure fails {@code
 * verify}.
 */
class SbomIT {

  static final Path DIR = Path.of(System.getProperty("sbom.dir", "target"));

  /** Called first by each test, so that an offline build reports them as skipped. */
  static void madeByThisBuild() throws Exception {
    // The CycloneDX plugin refuses to run offline; CI builds online, where this check counts.
    assumeFalse(
        "offline=true".equals(System.getProperty("sbom.build")),
        "offline build: cyclonedx-maven-plugin made no SBOM, so there is nothing to check");
    Path jar = Path.of(System.getProperty("sbom.jar", "target/vulnsift.jar"));
    Path json = DIR.resolve("bom.json");
    assertThat(json).as("the build writes the SBOM at package").exists();
    assertThat(Files.getLastModifiedTime(json))
        .as("an SBOM of this build, not one left over from an earlier one")
        .isGreaterThanOrEqualTo(Files.getLastModifiedTime(jar));
  }

  static List<String> purls(JsonNode bom) {
    List<String> purls = new ArrayList<>();
    bom.path("components").forEach(c -> purls.add(c.path("purl").asText()));
    return purls;
  }

  static String pinned(String property) {
    String version = System.getProperty(property);
    assertThat(version)
        .as("system property %s (set by failsafe from the POM)", property)
        .isNotBlank();
    return version;
  }

  @Test
  void theJsonSbomListsTheRuntimeDependenciesAtTheirPinnedVersions() throws Exception {
    madeByThisBuild();
    Path json = DIR.resolve("bom.json");
    assertThat(json).as("the build writes the SBOM at package").exists();
    JsonNode bom = new ObjectMapper().readTree(json.toFile());
    assertThat(bom.path("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(bom.at("/metadata/component/group").asText()).isEqualTo("io.vulnsift");
    assertThat(bom.at("/metadata/component/name").asText()).isEqualTo("vulnsift");

    List<String> purls = purls(bom);
    assertThat(purls)
        .anyMatch(
            p ->
                p.startsWith(
                    "pkg:maven/software.amazon.awssdk/dynamodb@" + pinned("aws.sdk.version")))
        .anyMatch(
            p -> p.startsWith("pkg:maven/software.amazon.awssdk/ecr@" + pinned("aws.sdk.version")))
        .anyMatch(p -> p.startsWith("pkg:maven/dev.cel/cel@" + pinned("cel.version")))
        .anyMatch(
            p -> p.startsWith("pkg:maven/io.pebbletemplates/pebble@" + pinned("pebble.version")))
        .anyMatch(p -> p.startsWith("pkg:maven/com.slack.api/slack-api-client@"))
        .anyMatch(p -> p.startsWith("pkg:maven/software.amazon.dynamodb/DynamoDBLocal@"))
        .anyMatch(p -> p.startsWith("pkg:maven/io.quarkus/quarkus-picocli@"))
        // transitive runtime dependencies are there too
        .anyMatch(p -> p.startsWith("pkg:maven/com.google.protobuf/protobuf-java@"));

    for (String testOnly :
        List.of(
            "pkg:maven/org.wiremock/",
            "pkg:maven/org.assertj/",
            "pkg:maven/net.jqwik/",
            "pkg:maven/com.networknt/json-schema-validator@",
            "pkg:maven/com.atlassian.oai/",
            "pkg:maven/io.quarkus/quarkus-junit")) {
      assertThat(purls).as("test-only %s", testOnly).noneMatch(p -> p.startsWith(testOnly));
    }
    for (JsonNode c : bom.path("components")) {
      assertThat(c.path("version").asText())
          .as(c.path("purl").asText())
          .isNotBlank()
          .doesNotEndWith("-SNAPSHOT");
      assertThat(c.path("hashes")).as("hashes of %s", c.path("purl").asText()).isNotEmpty();
    }
  }

  @Test
  void theXmlSbomListsTheSameComponents() throws Exception {
    madeByThisBuild();
    Path xml = DIR.resolve("bom.xml");
    assertThat(xml).exists();
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = factory.newDocumentBuilder().parse(xml.toFile());
    assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("bom");
    int components = doc.getElementsByTagNameNS("*", "purl").getLength();
    JsonNode json = new ObjectMapper().readTree(Files.readString(DIR.resolve("bom.json")));
    // one purl per component, plus the project's own in the metadata
    assertThat(components).isEqualTo(json.path("components").size() + 1);
  }
}
