package io.vulnsift.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vulnsift.workflow.Crons;
import io.vulnsift.workflow.Triggers.EventKind;
import io.vulnsift.workflow.Workflow;
import io.vulnsift.workflow.WorkflowLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code template.yaml} is a valid SAM template (checked against the official SAM schema in {@code
 * ../shared/contracts}), and it schedules and subscribes exactly what {@code workflows/} asks for.
 */
class SamTemplateTest {
  static final Path TEMPLATE = Path.of("template.yaml");
  static final Path SAM_SCHEMA = Path.of("../shared/contracts/sam.schema.json");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final Map<EventKind, List<String>> RULES =
      Map.of(
          EventKind.ECR_IMAGE_SCAN, List.of("aws.ecr", "ECR Image Scan"),
          EventKind.INSPECTOR2_SCAN, List.of("aws.inspector2", "Inspector2 Scan"),
          EventKind.INSPECTOR2_FINDING, List.of("aws.inspector2", "Inspector2 Finding"));

  static JsonNode template() throws IOException {
    // Jackson's YAML reader keeps the scalar of !Ref/!GetAtt/!Sub short forms and drops the tag.
    return YAML.readTree(TEMPLATE.toFile());
  }

  static JsonNode events() throws IOException {
    return template().at("/Resources/VulnsiftFunction/Properties/Events");
  }

  @Test
  void theTemplateIsValidAgainstTheSamSchema() throws IOException {
    JsonSchema schema;
    try (InputStream in = Files.newInputStream(SAM_SCHEMA)) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }
    Set<ValidationMessage> errors = schema.validate(template());
    assertThat(errors).extracting(ValidationMessage::getMessage).isEmpty();
  }

  @Test
  void theSchemaCatchesAMisspeltFunctionProperty() throws IOException {
    JsonSchema schema;
    try (InputStream in = Files.newInputStream(SAM_SCHEMA)) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }
    String broken =
        Files.readString(TEMPLATE)
            .replace("      AutoPublishAlias: live", "      AutoPublishAlais: live");
    assertThat(schema.validate(YAML.readTree(broken))).isNotEmpty();
  }

  @Test
  void everyScheduledWorkflowHasItsScheduleWithItsCronTimeZoneAndName() throws IOException {
    List<Workflow> workflows = new WorkflowLoader().loadAll(Path.of("workflows"));
    List<String> scheduled = new ArrayList<>();
    events()
        .properties()
        .forEach(
            e -> {
              if (e.getValue().path("Type").asText().equals("ScheduleV2")) {
                scheduled.add(e.getKey());
              }
            });
    int withSchedule = 0;
    for (Workflow wf : workflows) {
      if (wf.triggers().schedule() == null) {
        continue;
      }
      withSchedule++;
      JsonNode schedule = scheduleFor(wf.name());
      assertThat(schedule).as("a ScheduleV2 event for %s", wf.name()).isNotNull();
      assertThat(schedule.path("ScheduleExpression").asText())
          .isEqualTo(Crons.toEventBridge(wf.triggers().schedule().cron()));
      assertThat(schedule.path("ScheduleExpressionTimezone").asText())
          .isEqualTo(wf.triggers().schedule().timezone());
      assertThat(schedule.path("Name").asText()).isEqualTo("vulnsift-" + wf.name());
      assertThat(schedule.path("RetryPolicy").isObject()).isTrue();
      assertThat(schedule.path("DeadLetterConfig").path("Arn").asText()).isNotEmpty();
    }
    assertThat(scheduled)
        .as("no schedule for a workflow that does not exist")
        .hasSize(withSchedule);
  }

  @Test
  void everyEventTriggerOfAWorkflowHasItsRule() throws IOException {
    List<Workflow> workflows = new WorkflowLoader().loadAll(Path.of("workflows"));
    for (Workflow wf : workflows) {
      for (EventKind kind : wf.triggers().events()) {
        List<String> sourceAndType = RULES.get(kind);
        assertThat(ruleFor(sourceAndType.get(0), sourceAndType.get(1)))
            .as("an EventBridge rule for %s (workflow %s)", kind.yamlName(), wf.name())
            .isTrue();
      }
    }
    assertThat(ruleFor("aws.ecs", "ECS Task State Change")).as("the ECS inventory feed").isTrue();
  }

  @Test
  void translatesUnixCronsToEventBridgeExpressions() {
    assertThat(Crons.toEventBridge("0 * * * *")).isEqualTo("cron(0 * * * ? *)");
    assertThat(Crons.toEventBridge("30 8 * * 1-5")).isEqualTo("cron(30 8 ? * 2-6 *)");
    assertThat(Crons.toEventBridge("0 6 1 * *")).isEqualTo("cron(0 6 1 * ? *)");
    assertThat(Crons.toEventBridge("0 0 * * 0,7")).isEqualTo("cron(0 0 ? * 1,1 *)");
    assertThat(Crons.toEventBridge("15 2 * * MON")).isEqualTo("cron(15 2 ? * MON *)");
  }

  private static JsonNode scheduleFor(String workflow) throws IOException {
    var it = events().properties().iterator();
    while (it.hasNext()) {
      JsonNode e = it.next().getValue();
      if (e.path("Type").asText().equals("ScheduleV2")) {
        JsonNode input = new ObjectMapper().readTree(e.at("/Properties/Input").asText());
        if (input.path("workflow").asText().equals(workflow)) {
          return e.path("Properties");
        }
      }
    }
    return null;
  }

  private static boolean ruleFor(String source, String detailType) throws IOException {
    var it = events().properties().iterator();
    while (it.hasNext()) {
      JsonNode e = it.next().getValue();
      JsonNode pattern = e.at("/Properties/Pattern");
      if (e.path("Type").asText().equals("EventBridgeRule")
          && pattern.path("source").toString().contains("\"" + source + "\"")
          && pattern.path("detail-type").toString().contains("\"" + detailType + "\"")) {
        return true;
      }
    }
    return false;
  }
}
