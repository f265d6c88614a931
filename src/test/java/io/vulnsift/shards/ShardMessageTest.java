package io.vulnsift.shards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON of shard messages: what is sent reads back, and a body that is not one says why. */
class ShardMessageTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  @Test
  void shardAndDecisionMessagesReadBackAsSent() {
    ShardMessage shard = ShardMessage.shard("critical-production", "run-1", NOW, 3, 8);

    assertThat(shard.toJson())
        .isEqualTo(
            "{\"kind\":\"shard\",\"workflow\":\"critical-production\",\"run\":\"run-1\","
                + "\"now\":\"2026-11-20T12:00:00Z\",\"shard\":3,\"shards\":8}");
    assertThat(ShardMessage.parse(shard.toJson())).isEqualTo(shard);
    assertThat(ShardMessage.parse(shard.decide().toJson())).isEqualTo(shard.decide());
    assertThat(shard.decide().toJson()).doesNotContain("\"shard\":");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{oops|not JSON",
        "[1]|not a JSON object",
        "{\"kind\":\"sweep\"}|'kind' is \"sweep\", expected \"shard\" or \"decide\"",
        "{\"kind\":\"shard\",\"run\":\"r\"}|'workflow' is missing or not a non-empty string",
        "{\"kind\":\"decide\",\"workflow\":\"w\",\"run\":\"r\",\"now\":\"noon\"}|'now' is not an ISO-8601 instant",
        "{\"kind\":\"decide\",\"workflow\":\"w\",\"run\":\"r\",\"now\":\"2026-11-20T12:00:00Z\",\"shards\":0}|'shards' is 0, expected 1 to 1000",
        "{\"kind\":\"shard\",\"workflow\":\"w\",\"run\":\"r\",\"now\":\"2026-11-20T12:00:00Z\",\"shards\":4,\"shard\":4}|'shard' is 4, expected 0 to 3",
        "{\"kind\":\"shard\",\"workflow\":\"w\",\"run\":\"r\",\"now\":\"2026-11-20T12:00:00Z\",\"shards\":4,\"shard\":\"2\"}|'shard' is missing or not a whole number"
      })
  void aBodyThatIsNotAShardMessageIsRejectedWithTheReason(String body, String reason) {
    assertThatThrownBy(() -> ShardMessage.parse(body))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }
}
