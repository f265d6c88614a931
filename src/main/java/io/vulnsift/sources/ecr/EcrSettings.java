package io.vulnsift.sources.ecr;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What an {@link EcrFindingSource} reads.
 *
 * @param registryIds registries (AWS account ids) to read; empty: the caller's own registry
 * @param regions regions to read; empty: the SDK's default region chain ({@code AWS_REGION}, …)
 * @param concurrency most ECR requests in flight at once (default {@value #DEFAULT_CONCURRENCY})
 * @param plan {@link EcrPlan#AUTO} by default
 */
public record EcrSettings(
    List<String> registryIds, List<String> regions, int concurrency, EcrPlan plan) {

  public static final int DEFAULT_CONCURRENCY = 8;
  public static final EcrSettings DEFAULT = new EcrSettings(null, null, 0, null);

  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  public EcrSettings {
    registryIds = registryIds == null ? List.of() : List.copyOf(registryIds);
    regions = regions == null ? List.of() : List.copyOf(regions);
    concurrency = concurrency <= 0 ? DEFAULT_CONCURRENCY : concurrency;
    plan = plan == null ? EcrPlan.AUTO : plan;
    for (String id : registryIds) {
      if (!isAccountId(id)) {
        throw new IllegalArgumentException("registry id '" + id + "' is not a 12-digit account id");
      }
    }
  }

  /**
   * From {@code VULNSIFT_ECR_REGISTRY_IDS} and {@code VULNSIFT_ECR_REGIONS} (comma-separated),
   * {@code VULNSIFT_ECR_CONCURRENCY} and {@code VULNSIFT_ECR_PLAN}; absent or blank → default.
   */
  public static EcrSettings fromEnvironment(Map<String, String> env) {
    String concurrency = env.get("VULNSIFT_ECR_CONCURRENCY");
    String plan = env.get("VULNSIFT_ECR_PLAN");
    int n = 0;
    if (concurrency != null && !concurrency.isBlank()) {
      try {
        n = Integer.parseInt(concurrency.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "VULNSIFT_ECR_CONCURRENCY: expected a positive integer, found '" + concurrency + "'");
      }
      if (n < 1) {
        throw new IllegalArgumentException("VULNSIFT_ECR_CONCURRENCY must be at least 1");
      }
    }
    return new EcrSettings(
        list(env.get("VULNSIFT_ECR_REGISTRY_IDS")),
        list(env.get("VULNSIFT_ECR_REGIONS")),
        n,
        plan == null || plan.isBlank() ? null : EcrPlan.parse(plan));
  }

  static boolean isAccountId(String s) {
    return s != null && ACCOUNT.matcher(s).matches();
  }

  private static List<String> list(String csv) {
    return csv == null
        ? List.of()
        : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
