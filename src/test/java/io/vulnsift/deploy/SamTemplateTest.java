package io.vulnsift.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.vulnsift.engine.report.EmfMetrics;
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
 * ../shared/contracts}), it schedules and subscribes exactly what {@code workflows/} asks for, and
 * its dashboard plots metrics the code really emits.
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

  @Test
  void theDashboardBodyIsValidJsonOnceTheStackSubstitutesItsReferences() throws IOException {
    JsonNode body = dashboardBody();

    assertThat(body.path("widgets").isArray()).isTrue();
    assertThat(body.path("widgets")).isNotEmpty();
    for (JsonNode widget : body.path("widgets")) {
      assertThat(widget.path("type").asText()).isIn("metric", "text");
      if (widget.path("type").asText().equals("metric")) {
        // Every graph reads the stack's own region, not one written into the template.
        assertThat(widget.at("/properties/region").asText())
            .as("region of %s", widget.at("/properties/title"))
            .isEqualTo(REGION);
      }
    }
  }

  @Test
  void everyMetricTheDashboardPlotsIsOneTheCodeEmits() throws IOException {
    List<Workflow> workflows = new WorkflowLoader().loadAll(Path.of("workflows"));
    EmittedMetrics emitted = EmittedMetrics.of(workflows);
    assertThat(emitted.namespaces()).containsExactly(EmfMetrics.NAMESPACE);

    List<PlottedMetric> plotted = plottedMetrics(dashboardBody());

    assertThat(plotted).isNotEmpty();
    for (PlottedMetric m : plotted) {
      if (m.namespace().equals(EmfMetrics.NAMESPACE)) {
        assertThat(emitted.dimensionSets())
            .as("dimensions of %s", m)
            .contains(List.copyOf(m.dimensions().keySet()));
        String workflow = m.dimensions().get(EmfMetrics.DIMENSION);
        assertThat(emitted.metrics()).as("a workflow of workflows/: %s", m).containsKey(workflow);
        assertThat(emitted.metrics().get(workflow))
            .as("emitted by %s", workflow)
            .contains(m.name());
      } else {
        // AWS's own metrics of this stack's resources (the function, the dead-letter queue).
        assertThat(m.namespace()).isIn("AWS/Lambda", "AWS/SQS");
        assertThat(m.dimensions().values()).allSatisfy(v -> assertThat(v).startsWith("ref:"));
      }
    }
  }

  @Test
  void theDashboardShowsEveryWorkflowsFunnelDeliveriesFailuresAndTheDeadLetterQueue()
      throws IOException {
    List<Workflow> workflows = new WorkflowLoader().loadAll(Path.of("workflows"));
    EmittedMetrics emitted = EmittedMetrics.of(workflows);
    List<PlottedMetric> plotted = plottedMetrics(dashboardBody());

    for (Workflow wf : workflows) {
      Set<String> ofWorkflow = new java.util.HashSet<>();
      plotted.stream()
          .filter(m -> wf.name().equals(m.dimensions().get(EmfMetrics.DIMENSION)))
          .forEach(m -> ofWorkflow.add(m.name()));
      List<String> wanted = new ArrayList<>();
      emitted.reports().get(wf.name()).funnel().stream()
          .filter(stage -> stage.unit().equals("findings"))
          .forEach(stage -> wanted.add("funnel." + stage.stage()));
      wanted.addAll(
          List.of(
              "funnel.groups",
              "funnel.new",
              "funnel.delivered",
              "funnel.failed",
              "deliveries",
              "deliveryFailures",
              "errors"));
      assertThat(ofWorkflow).as("plotted for %s", wf.name()).containsAll(wanted);
    }
    assertThat(plotted)
        .contains(
            new PlottedMetric(
                "AWS/SQS",
                "ApproximateNumberOfMessagesVisible",
                Map.of("QueueName", "ref:DeadLetterQueue.QueueName")));
  }

  static final String REGION = "eu-central-1";
  static final Set<String> PSEUDO_PARAMETERS =
      Set.of(
          "AWS::AccountId",
          "AWS::Partition",
          "AWS::Region",
          "AWS::StackId",
          "AWS::StackName",
          "AWS::URLSuffix");

  /** A metric of a dashboard graph: namespace, name, dimensions in the order written. */
  record PlottedMetric(String namespace, String name, Map<String, String> dimensions) {}

  /**
   * The dashboard's body as CloudFormation hands it to CloudWatch: {@code Fn::Sub} replaces the
   * region by the stack's and each reference by {@code ref:<name>}, after checking the template
   * defines it.
   */
  static JsonNode dashboardBody() throws IOException {
    JsonNode template = template();
    List<JsonNode> dashboards = new ArrayList<>();
    template
        .path("Resources")
        .forEach(
            r -> {
              if (r.path("Type").asText().equals("AWS::CloudWatch::Dashboard")) {
                dashboards.add(r);
              }
            });
    assertThat(dashboards).as("one AWS::CloudWatch::Dashboard").hasSize(1);
    JsonNode body = dashboards.get(0).at("/Properties/DashboardBody");
    assertThat(body.has("Fn::Sub")).as("DashboardBody is built with Fn::Sub").isTrue();
    java.util.regex.Matcher refs =
        java.util.regex.Pattern.compile("\\$\\{([^}]*)}").matcher(body.get("Fn::Sub").asText());
    StringBuilder out = new StringBuilder();
    while (refs.find()) {
      String ref = refs.group(1);
      String value;
      if (ref.startsWith("!")) {
        value = "${" + ref.substring(1) + "}"; // Fn::Sub's escape for a literal ${
      } else if (ref.equals("AWS::Region")) {
        value = REGION;
      } else {
        String name = ref.contains(".") ? ref.substring(0, ref.indexOf('.')) : ref;
        assertThat(
                PSEUDO_PARAMETERS.contains(ref)
                    || template.path("Resources").has(name)
                    || template.path("Parameters").has(name))
            .as("the dashboard refers to ${%s}, which the template defines", ref)
            .isTrue();
        value = "ref:" + ref;
      }
      refs.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
    }
    refs.appendTail(out);
    ObjectMapper strict =
        new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return strict.readTree(out.toString());
  }

  /**
   * Every metric of the dashboard's graphs. Rows are written in full (no {@code "."} shorthand, no
   * expressions), so that each can be checked on its own.
   */
  static List<PlottedMetric> plottedMetrics(JsonNode body) {
    List<PlottedMetric> out = new ArrayList<>();
    for (JsonNode widget : body.path("widgets")) {
      for (JsonNode row : widget.at("/properties/metrics")) {
        assertThat(row.isArray() && row.get(0).isTextual())
            .as("a metric row written in full: %s", row)
            .isTrue();
        Map<String, String> dimensions = new java.util.LinkedHashMap<>();
        int i = 2;
        for (; i + 1 < row.size() && row.get(i).isTextual(); i += 2) {
          dimensions.put(row.get(i).asText(), row.get(i + 1).asText());
        }
        assertThat(i == row.size() || (i == row.size() - 1 && row.get(i).isObject()))
            .as("dimension names and values in pairs, then options: %s", row)
            .isTrue();
        out.add(new PlottedMetric(row.get(0).asText(), row.get(1).asText(), dimensions));
      }
    }
    return out;
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
