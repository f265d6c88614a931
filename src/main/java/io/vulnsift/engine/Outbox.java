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

  /** Appends one delivery; returns what the state records for it. */
  public synchronized Map<String, String> deliver(PlanLine line, String actionId, Instant at) {
    ObjectNode node = json.valueToTree(line);
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
}
