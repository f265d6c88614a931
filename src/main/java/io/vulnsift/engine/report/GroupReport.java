package io.vulnsift.engine.report;

import io.vulnsift.model.Workload;
import java.util.List;
import java.util.Map;

/**
 * A group and what the run decided about it.
 *
 * @param decision {@code alerted}, {@code baseline}, {@code suppressed}, {@code pending}, …
 * @param reason why, in words
 * @param deliveries action id → outcome of that action for this group
 */
public record GroupReport(
    String fingerprint,
    Map<String, String> key,
    String title,
    String maxSeverity,
    Double maxCvss,
    List<String> affectedImages,
    List<Workload> workloads,
    String decision,
    String reason,
    Map<String, DeliveryReport> deliveries) {}
