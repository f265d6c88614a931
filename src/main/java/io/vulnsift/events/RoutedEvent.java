package io.vulnsift.events;

import io.vulnsift.engine.port.FindingSource.ImageRef;
import io.vulnsift.model.InventoryRecord;
import io.vulnsift.workflow.Triggers.EventKind;
import java.util.List;

/** What an incoming EventBridge event asks vulnsift to do (SPEC §4, Lambda). */
public sealed interface RoutedEvent {

  /** Run one workflow by name (a schedule). */
  record RunWorkflow(String workflow) implements RoutedEvent {}

  /** Run the workflows triggered by this kind of event, scoped to one image. */
  record RunForImage(EventKind kind, ImageRef image) implements RoutedEvent {}

  /** Upsert (or mark stopped) the containers of an ECS task. */
  record UpdateInventory(List<InventoryRecord> records) implements RoutedEvent {}

  /** Not for us, or malformed: acknowledged and logged, never retried. */
  record Rejected(String reason) implements RoutedEvent {}
}
