package io.vulnsift.engine;

import io.vulnsift.engine.port.FindingSource;
import io.vulnsift.engine.port.InventoryStore;
import io.vulnsift.engine.port.StateStore;
import java.util.Optional;

/**
 * The adapters a run talks to. The outbox, when present, receives the deliveries of actions that
 * have no Jira/Slack configured (the local embedded mode).
 */
public record RunEnvironment(
    FindingSource findings, InventoryStore inventory, StateStore state, Optional<Outbox> outbox) {}
