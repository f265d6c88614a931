package io.vulnsift.app;

import io.vulnsift.sources.ecr.EcrSettings;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands the ECR feature plain {@link EcrSettings} from the application's configuration, so {@code
 * vulnsift.ecr.…} keys work like every other setting while the feature stays free of Quarkus.
 */
public final class EcrConfig {
  private EcrConfig() {}

  public static EcrSettings settings(VulnsiftConfig.Ecr config) {
    Map<String, String> values = new HashMap<>();
    config.registryIds().ifPresent(v -> values.put("VULNSIFT_ECR_REGISTRY_IDS", v));
    config.regions().ifPresent(v -> values.put("VULNSIFT_ECR_REGIONS", v));
    config.concurrency().ifPresent(v -> values.put("VULNSIFT_ECR_CONCURRENCY", v));
    config.plan().ifPresent(v -> values.put("VULNSIFT_ECR_PLAN", v));
    return EcrSettings.fromEnvironment(values);
  }
}
