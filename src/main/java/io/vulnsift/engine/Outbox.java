package io.vulnsift.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vulnsift.engine.report.PlanLine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;

/**
 * A JSON Lines file standing in for Jira and Slack in local runs: each delivery is one line, the
 * plan line plus when and under which action id it was delivered.
 */
public final class Outbox {
  private final Path file;
  private final ObjectMapper json;

  public Outbox(Path file, ObjectMapper json) {
    this.file = file;
    this.json = json;
  }

  public Path file() {
    return file;
  }

  /**
   * Appends one delivery; returns what the state records for it. When {@code resumesUnfinished}, an
   * earlier attempt may have appended it before crashing: then an existing line of the same
   * workflow, group and action is the delivery, and nothing is appended twice.
   */
  public synchronized Map<String, String> deliver(
      PlanLine line, String actionId, String fingerprint, Instant at, boolean resumesUnfinished) {
    if (resumesUnfinished && alreadyDelivered(line, actionId, fingerprint)) {
      return Map.of("outbox", file.getFileName().toString(), "resumed", "true");
    }
    ObjectNode node = json.valueToTree(line);
    node.put("fingerprint", fingerprint);
    node.put("actionId", actionId);
    node.put("deliveredAt", at.toString());
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(
          file,
          json.writeValueAsString(node) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write outbox " + file, e);
    }
    return Map.of("outbox", file.getFileName().toString());
  }

  private boolean alreadyDelivered(PlanLine line, String actionId, String fingerprint) {
    if (!Files.exists(file)) {
      return false;
    }
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.anyMatch(
          l -> {
            try {
              var n = json.readTree(l);
              return line.workflow().equals(n.path("workflow").asText())
                  && line.action().equals(n.path("action").asText())
                  && actionId.equals(n.path("actionId").asText())
                  && fingerprint.equals(n.path("fingerprint").asText());
            } catch (IOException e) {
              return false; // a torn last line from a crash is not a delivery
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read outbox " + file, e);
    }
  }
}
