package io.vulnsift.engine;

import io.vulnsift.workflow.Action;
import java.util.Map;

/**
 * The step SPI for deliveries: one stateless bean per action type ({@code jira}, {@code slack}).
 * {@link #plan} is pure — it decides the exact request; {@link #deliver} performs it. The engine
 * claims the (group, action) before calling {@link #deliver} and records its result after.
 */
public interface ActionHandler<A extends Action> {

  /** The YAML {@code type} this handler serves. */
  String type();

  /** The workflow action class this handler serves. */
  Class<A> actionClass();

  /** The exact request a new group causes, as shown by the plan and sent by {@link #deliver}. */
  PlannedRequest plan(A action, Alert alert);

  /**
   * Whether this action can really be delivered (endpoint and credentials configured). When not, a
   * local run delivers the planned request to the outbox instead.
   */
  boolean configured(A action);

  /**
   * Sends the planned request.
   *
   * @return what to record for the delivery, e.g. {@code jiraKey → SEC-12}
   * @throws DeliveryException when the request failed; the delivery is retried next run
   */
  Map<String, String> deliver(A action, PlannedRequest request, Alert alert);

  /**
   * The request a lifecycle event causes for a group this action delivered before, e.g. {@code
   * jira.comment}, {@code jira.transition}, {@code slack.reply}, {@code slack.update}; empty when
   * the action does nothing for that event. Pure, like {@link #plan}.
   */
  default java.util.Optional<PlannedRequest> planFollowUp(A action, FollowUp followUp) {
    return java.util.Optional.empty();
  }

  /**
   * Sends a follow-up planned by {@link #planFollowUp}; returns what to record.
   *
   * @throws DeliveryException when it failed
   */
  default Map<String, String> deliverFollowUp(A action, PlannedRequest request, FollowUp followUp) {
    throw new DeliveryException(type() + " cannot send " + request.operation());
  }

  /**
   * HTTP requests this handler has sent since it was created, per operation (e.g. {@code POST
   * /issue → 3}; every attempt counts). The engine reports what a run added.
   */
  default Map<String, Integer> requestCounts() {
    return Map.of();
  }
}
