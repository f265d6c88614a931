package io.vulnsift.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vulnsift.engine.steps.BaselineGate;
import io.vulnsift.engine.steps.FilterStepExecutor;
import io.vulnsift.engine.steps.GroupStepExecutor;
import io.vulnsift.engine.steps.SuppressReportedExecutor;
import java.util.List;

/** The engine with the real steps and the given action handlers, for tests outside engine/. */
public final class TestEngines {

  /** The JSON mapper the CLI writes reports with: ISO dates, keys in order. */
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private TestEngines() {}

  public static Engine with(List<? extends ActionHandler<?>> handlers) {
    StepRegistry steps =
        new StepRegistry(
            List.of(
                new FilterStepExecutor(),
                new GroupStepExecutor(),
                new SuppressReportedExecutor(new BaselineGate(), JSON)));
    ActionRegistry actions = new ActionRegistry(handlers);
    return new Engine(steps, new Deliveries(actions), new FollowUps(actions));
  }
}
