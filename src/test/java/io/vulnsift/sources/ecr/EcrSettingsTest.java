package io.vulnsift.sources.ecr;

import static io.vulnsift.sources.ecr.EcrSweepTest.ACCOUNT;
import static io.vulnsift.sources.ecr.EcrSweepTest.FRESH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vulnsift.engine.port.FindingSource.Fetched;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EcrSettingsTest {

  @Test
  void defaults() {
    EcrSettings s = EcrSettings.fromEnvironment(Map.of());
    assertThat(s).isEqualTo(EcrSettings.DEFAULT);
    assertThat(s.registryIds()).isEmpty();
    assertThat(s.regions()).isEmpty();
    assertThat(s.concurrency()).isEqualTo(8);
    assertThat(s.plan()).isEqualTo(EcrPlan.AUTO);
  }

  @Test
  void fromEnvironmentVariables() {
    EcrSettings s =
        EcrSettings.fromEnvironment(
            Map.of(
                "VULNSIFT_ECR_REGISTRY_IDS", "111111111111, 222222222222",
                "VULNSIFT_ECR_REGIONS", "eu-west-1,us-east-1,",
                "VULNSIFT_ECR_CONCURRENCY", "4",
                "VULNSIFT_ECR_PLAN", "runtime-first"));
    assertThat(s)
        .isEqualTo(
            new EcrSettings(
                List.of("111111111111", "222222222222"),
                List.of("eu-west-1", "us-east-1"),
                4,
                EcrPlan.RUNTIME_FIRST));
  }

  @Test
  void badValuesAreClearErrors() {
    assertThatThrownBy(() -> EcrSettings.fromEnvironment(Map.of("VULNSIFT_ECR_PLAN", "fast")))
        .hasMessageContaining("expected auto, sweep or runtime-first");
    assertThatThrownBy(
            () -> EcrSettings.fromEnvironment(Map.of("VULNSIFT_ECR_CONCURRENCY", "eight")))
        .hasMessageContaining("VULNSIFT_ECR_CONCURRENCY");
    assertThatThrownBy(
            () -> EcrSettings.fromEnvironment(Map.of("VULNSIFT_ECR_REGISTRY_IDS", "my-registry")))
        .hasMessageContaining("12-digit account id");
    assertThat(EcrPlan.parse("SWEEP")).isEqualTo(EcrPlan.SWEEP);
    assertThat(EcrPlan.RUNTIME_FIRST.label()).isEqualTo("runtime-first");
  }

  /**
   * The SDK applies the endpoint override itself: {@code AWS_ENDPOINT_URL_ECR} / {@code
   * AWS_ENDPOINT_URL} (here their system-property twins, which the SDK reads the same way), with
   * region and credentials from the default chains; calls are counted on such clients too.
   */
  @Test
  void fromEnvironmentHonoursTheEndpointOverrides() {
    for (String property : List.of("aws.endpointUrlEcr", "aws.endpointUrl")) {
      try (FakeEcr ecr = FakeEcr.start(ACCOUNT)) {
        ecr.image(ACCOUNT, "app", FakeEcr.digest("a")).completedAt(FRESH).basicFindings(1);
        Map<String, String> saved = new HashMap<>();
        Map<String, String> props =
            Map.of(
                property,
                ecr.endpoint().toString(),
                "aws.region",
                "eu-central-1",
                "aws.accessKeyId",
                "AKIDTEST",
                "aws.secretAccessKey",
                "secret");
        props.keySet().forEach(k -> saved.put(k, System.getProperty(k)));
        try {
          props.forEach(System::setProperty);
          Fetched fetched;
          try (var source = EcrFindingSource.fromEnvironment(EcrSettings.DEFAULT)) {
            fetched = source.fetch(EcrSweepTest.sweep(null));
          }
          assertThat(fetched.findings()).as(property).hasSize(1);
          assertThat(fetched.calls()).containsEntry("DescribeImageScanFindings", 1);
          assertThat(ecr.calls("DescribeImageScanFindings")).isEqualTo(1);
        } finally {
          saved.forEach(
              (k, v) -> {
                if (v == null) {
                  System.clearProperty(k);
                } else {
                  System.setProperty(k, v);
                }
              });
        }
      }
    }
  }
}
