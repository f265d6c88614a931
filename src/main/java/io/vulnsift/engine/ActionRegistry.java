package io.vulnsift.engine;

import io.vulnsift.workflow.Action;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The action handlers, keyed by the action type they serve; fails fast on a missing or duplicate
 * handler.
 */
@ApplicationScoped
public class ActionRegistry {
  private final Map<Class<?>, ActionHandler<?>> handlers = new HashMap<>();

  @Inject
  public ActionRegistry(Instance<ActionHandler<?>> beans) {
    this(beans.stream().toList());
  }

  public ActionRegistry(List<? extends ActionHandler<?>> beans) {
    for (ActionHandler<?> bean : beans) {
      ActionHandler<?> previous = handlers.put(bean.actionClass(), bean);
      if (previous != null) {
        throw new IllegalStateException(
            "two handlers for action type '" + bean.type() + "': " + previous.getClass().getName());
      }
    }
    List<String> missing =
        Arrays.stream(Action.class.getPermittedSubclasses())
            .filter(c -> !handlers.containsKey(c))
            .map(Class::getSimpleName)
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("no handler for action types " + missing);
    }
  }

  /** The handler for an action of a workflow. */
  @SuppressWarnings("unchecked")
  public <A extends Action> ActionHandler<A> handler(A action) {
    return (ActionHandler<A>) handlers.get(action.getClass());
  }

  /** Requests each handler has sent since it was created, keyed by action type. */
  public Map<String, Map<String, Integer>> requestCounts() {
    Map<String, Map<String, Integer>> out = new HashMap<>();
    handlers.values().forEach(h -> out.put(h.type(), Map.copyOf(h.requestCounts())));
    return out;
  }
}
