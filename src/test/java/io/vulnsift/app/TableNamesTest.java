package io.vulnsift.app;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Table names DynamoDB takes pass; the others fail before any request, naming the setting. */
class TableNamesTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "vulnsift-state",
        "abc",
        "Team_A.vulnsift-state",
        "arn:aws:dynamodb:eu-west-1:123456789012:table/vulnsift-state",
        "arn:aws-us-gov:dynamodb:us-gov-west-1:123456789012:table/vulnsift.state"
      })
  void namesAndTableArnsDynamoDbTakesPass(String table) {
    assertThatCode(() -> TableNames.check("VULNSIFT_STATE_TABLE", "vulnsift.state-table", table))
        .doesNotThrowAnyException();
  }

  @Test
  void aLongestNamePassesAndOneCharacterMoreFails() {
    assertThatCode(() -> TableNames.check("V", "v", "t".repeat(255))).doesNotThrowAnyException();
    assertThatThrownBy(() -> TableNames.check("V", "v", "t".repeat(256)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "s1",
        "",
        "vulnsift state",
        "vulnsift/state",
        "état",
        "arn:aws:dynamodb:eu-west-1:123456789012:table/s1"
      })
  void anyOtherNameFailsNamingTheVariableAndTheKey(String table) {
    assertThatThrownBy(
            () -> TableNames.check("VULNSIFT_STATE_TABLE", "vulnsift.state-table", table))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("VULNSIFT_STATE_TABLE (vulnsift.state-table): '" + table + "'")
        .hasMessageContaining("3 to 255 characters");
  }
}
