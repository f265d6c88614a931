package io.vulnsift.sources.ecr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EcrArnsTest {

  @Test
  void repositoryArn() {
    assertThat(EcrArns.parse("arn:aws:ecr:eu-west-1:123456789012:repository/team/app"))
        .isEqualTo(new EcrArns("eu-west-1", "123456789012", "team/app"));
    assertThat(EcrArns.parse("arn:aws-cn:ecr:cn-north-1:123456789012:repository/app"))
        .isEqualTo(new EcrArns("cn-north-1", "123456789012", "app"));
  }

  @Test
  void ecrImageReference() {
    assertThat(EcrArns.parse("123456789012.dkr.ecr.us-east-2.amazonaws.com/team/app:1.2"))
        .isEqualTo(new EcrArns("us-east-2", "123456789012", "team/app"));
    assertThat(
            EcrArns.parse(
                "123456789012.dkr.ecr-fips.us-east-1.amazonaws.com/app@sha256:" + "a".repeat(64)))
        .isEqualTo(new EcrArns("us-east-1", "123456789012", "app"));
  }

  @Test
  void plainName() {
    assertThat(EcrArns.parse("team/app")).isEqualTo(new EcrArns(null, null, "team/app"));
  }
}
