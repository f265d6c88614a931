package io.vulnsift.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WorkflowSchemaTest {
  static final Path COMMITTED = Path.of("schema/workflow.schema.json");
  static final JsonSchema SCHEMA =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(WorkflowSchema.json());

  /** The shipped workflows and the valid test corpus. */
  static Stream<Path> valid() throws IOException {
    return Stream.concat(
        Files.list(Path.of("workflows")).filter(WorkflowLoader::isYaml).sorted(),
        Files.list(Path.of("src/test/resources/workflows/valid")).sorted());
  }

  @Test
  void committedSchemaIsUpToDate() throws IOException {
    if (Boolean.getBoolean("update.schema")) {
      WorkflowSchema.main(new String[] {COMMITTED.toString()});
    }
    assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
        .as(
            "%s is stale: regenerate it with"
                + " ./mvnw -q test -Dtest=WorkflowSchemaTest -Dupdate.schema=true",
            COMMITTED)
        .isEqualTo(WorkflowSchema.json());
  }

  @Test
  void schemaIsValidJsonWithDescriptions() throws IOException {
    JsonNode schema = new ObjectMapper().readTree(WorkflowSchema.json());
    assertThat(schema.at("/required").toString()).isEqualTo("[\"name\",\"steps\",\"actions\"]");
    assertThat(schema.at("/additionalProperties").asBoolean(true)).isFalse();
    assertThat(schema.at("/properties/name/description").asText()).contains("lower-case");
    assertThat(schema.at("/definitions/Step/properties/type/enum").toString())
        .isEqualTo("[\"filter\",\"group\",\"suppress-reported\"]");
    assertThat(schema.at("/definitions/Source/properties/lookback/default").asText())
        .isEqualTo("7d");
    assertThat(schema.at("/definitions/Source/properties/severities/items/enum").size())
        .isEqualTo(7);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validWorkflowsMatchTheSchema(Path file) throws IOException {
    assertThat(validate(file)).isEmpty();
  }

  /** Structural mistakes are caught by an editor too, not only by {@code vulnsift validate}. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "unknown-key.yaml",
        "missing-required.yaml",
        "wrong-type.yaml",
        "unknown-step-type.yaml",
        "unknown-action-type.yaml",
        "unknown-event.yaml",
        "unknown-severity.yaml",
        "bad-duration.yaml",
        "bad-group-field.yaml",
        "bad-name.yaml",
        "slack-without-target.yaml",
        "empty-values.yaml"
      })
  void schemaRejectsStructuralMistakes(String name) throws IOException {
    assertThat(validate(Path.of("src/test/resources/workflows/invalid", name))).isNotEmpty();
  }

  private static Set<ValidationMessage> validate(Path file) throws IOException {
    Problems problems = new Problems(file.toString());
    YamlNode root = YamlReader.read(Files.readString(file, StandardCharsets.UTF_8), problems);
    assertThat(problems.sorted()).as("YAML syntax").isEmpty();
    return SCHEMA.validate(json(root));
  }

  /**
   * The document as YAML 1.2 reads it, like editors do ({@code off} is a string), rather than
   * Jackson's YAML 1.1 tree.
   */
  private static JsonNode json(YamlNode node) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (node instanceof YamlNode.Mapping m) {
      ObjectNode o = f.objectNode();
      m.entries().forEach((k, e) -> o.set(k, json(e.value())));
      return o;
    } else if (node instanceof YamlNode.Sequence seq) {
      ArrayNode a = f.arrayNode();
      seq.items().forEach(item -> a.add(json(item)));
      return a;
    }
    YamlNode.Scalar s = (YamlNode.Scalar) node;
    return switch (s.kind()) {
      case STRING -> f.textNode(s.text());
      case NUMBER -> f.numberNode(new java.math.BigDecimal(s.text()));
      case TRUE -> f.booleanNode(true);
      case FALSE -> f.booleanNode(false);
      case NULL -> f.nullNode();
    };
  }
}
