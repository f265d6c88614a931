package io.vulnsift.actions.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import java.util.List;

/**
 * Slack publishes no Block Kit schema; its own model classes are the closest authority. Blocks that
 * parse into them and serialize back unchanged use only known types and fields.
 */
final class BlockKitRoundTrip {

  private static final Gson GSON = GsonFactory.createSnakeCase();
  private static final ObjectMapper JSON = new ObjectMapper();

  private BlockKitRoundTrip() {}

  static List<LayoutBlock> assertRoundTrips(JsonNode blocks) throws Exception {
    List<LayoutBlock> parsed =
        GSON.fromJson(blocks.toString(), new TypeToken<List<LayoutBlock>>() {}.getType());
    assertThat(parsed).hasSize(blocks.size()).doesNotContainNull();
    JsonNode back = JSON.readTree(GSON.toJson(parsed));
    assertThat(back).isEqualTo(blocks);
    return parsed;
  }
}
