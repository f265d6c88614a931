package io.vulnsift.actions.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.actions.Fixtures;
import io.vulnsift.engine.Alert;
import io.vulnsift.model.Finding;
import io.vulnsift.model.Group;
import io.vulnsift.model.GroupKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The variables the workflow language accepts in templates at load are exactly those the actions
 * render with: a template that validates never meets an unknown variable at delivery.
 */
class TemplateVariablesTest {
  @Test
  void theLanguagesTemplateVariablesAreTheActionsTemplateModel() {
    Finding f =
        Fixtures.bareFinding(
            "CVE-2024-6119",
            "t",
            "d",
            "123456789012",
            "payments/api",
            "sha256:" + "a".repeat(64),
            Instant.EPOCH,
            Instant.EPOCH,
            Finding.ScanType.ENHANCED);
    Group g =
        new Group(
            new GroupKey(Map.of("vulnerabilityId", "CVE-2024-6119")),
            List.of(f),
            List.of(f.imageDigest()),
            List.of());
    Map<String, Object> model =
        TemplateModel.of(
            new Alert("wf", g, Map.of("jira", Map.of("jiraKey", "SEC-1")), Instant.EPOCH));

    assertThat(model.keySet())
        .containsExactlyInAnyOrderElementsOf(io.vulnsift.workflow.Templates.VARIABLES);
  }
}
