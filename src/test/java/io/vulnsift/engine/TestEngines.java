package io.vulnsift.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vulnsift.actions.jira.JiraActionHandler;
import io.vulnsift.actions.jira.JiraSettings;
import io.vulnsift.actions.slack.SlackActionHandler;
import io.vulnsift.actions.slack.SlackSettings;
import io.vulnsift.engine.steps.BaselineGate;
import io.vulnsift.engine.steps.FilterStepExecutor;
import io.vulnsift.engine.steps.GroupStepExecutor;
import io.vulnsift.engine.steps.SuppressReportedExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The engine with the real steps and the given action handlers, and the outbox it delivers to. */
public final class TestEngines {

  /** The JSON mapper the CLI writes reports with: ISO dates, keys in order. */
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private TestEngines() {}

  public static Engine with(List<? extends ActionHandler<?>> handlers) {
    return with(handlers, JSON);
  }

  /** With {@code json} for the snapshots the reported state keeps. */
  public static Engine with(List<? extends ActionHandler<?>> handlers, ObjectMapper json) {
    StepRegistry steps =
        new StepRegistry(
            List.of(
                new FilterStepExecutor(),
                new GroupStepExecutor(),
                new SuppressReportedExecutor(new BaselineGate(), json)));
    ActionRegistry actions = new ActionRegistry(handlers);
    return new Engine(steps, new Deliveries(actions), new FollowUps(actions));
  }

  /** The Jira and Slack handlers with no settings: every alert goes to the run's outbox. */
  public static List<ActionHandler<?>> outboxHandlers() {
    return List.of(
        new JiraActionHandler(JiraSettings.NONE), new SlackActionHandler(SlackSettings.NONE));
  }

  /** Each delivery an outbox file holds, one JSON line each. */
  public static List<JsonNode> outbox(Path file) {
    try {
      List<JsonNode> out = new ArrayList<>();
      for (String line : Files.readAllLines(file)) {
        out.add(JSON.readTree(line));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
