package io.vulnsift.engine;

import io.vulnsift.model.Finding;
import io.vulnsift.model.RuntimeContext;

/** A finding joined with the runtime context of its image digest. */
public record Enriched(Finding finding, RuntimeContext runtime) {}
