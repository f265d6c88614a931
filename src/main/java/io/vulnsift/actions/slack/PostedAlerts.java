package io.vulnsift.actions.slack;

import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsListResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.Message;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Finds the alert an earlier attempt of the same delivery may have posted: the attempt crashed, or
 * timed out, or lost Slack's answer, after Slack had posted. {@code chat.postMessage} has no
 * idempotency key, so posting again would alert twice (SPEC §3); instead the channel's recent
 * history is searched for a message whose metadata carries the group's fingerprint and workflow
 * ({@link SlackMessage} writes it). History needs the channel id: a {@code #name} is resolved once
 * through {@code conversations.list}. Needs the {@code channels:history} (and {@code
 * channels:read}; {@code groups:*} for private channels) scopes; without them, or on any other
 * failure, the search finds nothing and the caller posts — the alert may then come twice, never not
 * at all.
 */
final class PostedAlerts {

  /** Messages per history page, and pages searched: the newest 1000 messages of the channel. */
  static final int HISTORY_PAGE = 200;

  static final int HISTORY_PAGES = 5;

  /** Channels per list page, and pages read to resolve a name. */
  static final int LIST_PAGE = 1000;

  static final int LIST_PAGES = 10;

  private static final Pattern CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{8,}");
  private static final System.Logger LOG = System.getLogger(PostedAlerts.class.getName());

  private final Function<String, ConversationsListResponse> list;
  private final BiFunction<String, String, ConversationsHistoryResponse> history;
  private final Map<String, String> ids = new ConcurrentHashMap<>();

  /**
   * @param list one page of {@code conversations.list} after a cursor ({@code null}: the first)
   * @param history one page of {@code conversations.history} of a channel id after a cursor
   */
  PostedAlerts(
      Function<String, ConversationsListResponse> list,
      BiFunction<String, String, ConversationsHistoryResponse> history) {
    this.list = list;
    this.history = history;
  }

  /**
   * The earlier alert of the group in {@code channel}, as a delivery result ({@code slackChannel},
   * {@code slackTs}); empty when there is none or the search failed.
   */
  Optional<Map<String, String>> find(String channel, String fingerprint, String workflow) {
    try {
      Optional<String> id = channelId(channel);
      if (id.isEmpty()) {
        LOG.log(System.Logger.Level.WARNING, "Slack channel {0} not found by name", channel);
        return Optional.empty();
      }
      return search(id.get(), fingerprint, workflow)
          .map(ts -> Map.of("slackChannel", id.get(), "slackTs", ts));
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "Slack search for an earlier alert of group {0} failed, posting: {1}",
          fingerprint,
          e.getMessage());
      return Optional.empty();
    }
  }

  private Optional<String> search(String channelId, String fingerprint, String workflow) {
    String cursor = null;
    for (int page = 0; page < HISTORY_PAGES; page++) {
      ConversationsHistoryResponse response = history.apply(channelId, cursor);
      if (response.getMessages() != null) {
        for (Message m : response.getMessages()) {
          if (isAlertOf(m, fingerprint, workflow)) {
            return Optional.of(m.getTs());
          }
        }
      }
      cursor = next(response.getResponseMetadata());
      if (!response.isHasMore() || cursor == null) {
        break;
      }
    }
    return Optional.empty();
  }

  static boolean isAlertOf(Message m, String fingerprint, String workflow) {
    Message.Metadata metadata = m.getMetadata();
    if (metadata == null
        || !SlackMessage.EVENT_TYPE.equals(metadata.getEventType())
        || metadata.getEventPayload() == null) {
      return false;
    }
    Object fp = metadata.getEventPayload().get("fingerprint");
    Object wf = metadata.getEventPayload().get("workflow");
    boolean topLevel = m.getThreadTs() == null || m.getThreadTs().equals(m.getTs());
    return topLevel && fingerprint.equals(fp) && (wf == null || workflow.equals(wf));
  }

  /** The id of a channel given by id or by name ({@code #security} or {@code security}). */
  private Optional<String> channelId(String channel) {
    if (CHANNEL_ID.matcher(channel).matches()) {
      return Optional.of(channel);
    }
    String name = channel.startsWith("#") ? channel.substring(1) : channel;
    String known = ids.get(name);
    if (known != null) {
      return Optional.of(known);
    }
    String cursor = null;
    for (int page = 0; page < LIST_PAGES; page++) {
      ConversationsListResponse response = list.apply(cursor);
      if (response.getChannels() != null) {
        for (Conversation c : response.getChannels()) {
          if (c.getName() != null && c.getId() != null) {
            ids.put(c.getName(), c.getId());
          }
        }
      }
      if (ids.containsKey(name)) {
        return Optional.of(ids.get(name));
      }
      cursor = next(response.getResponseMetadata());
      if (cursor == null) {
        break;
      }
    }
    return Optional.empty();
  }

  private static String next(com.slack.api.model.ResponseMetadata metadata) {
    String cursor = metadata == null ? null : metadata.getNextCursor();
    return cursor == null || cursor.isEmpty() ? null : cursor;
  }
}
