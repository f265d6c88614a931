package io.vulnsift.inventory;

import java.nio.charset.StandardCharsets;

/**
 * DynamoDB's limits on the keys of the inventory item (SPEC §4): partition key {@code imageDigest},
 * sort key {@code containerId} (also the sort key of the cluster index). A write over them fails
 * with a ValidationException that takes the whole batch of 25 with it, so a feed checks each record
 * before it writes and sets aside only the one that does not fit.
 */
public final class InventoryKeys {

  /** A partition key holds at most 2,048 bytes of UTF-8. */
  public static final int MAX_DIGEST_BYTES = 2048;

  /** A sort key holds at most 1,024 bytes of UTF-8. */
  public static final int MAX_CONTAINER_ID_BYTES = 1024;

  private InventoryKeys() {}

  /** The length DynamoDB measures a key by. */
  public static int bytes(String key) {
    return key == null ? 0 : key.getBytes(StandardCharsets.UTF_8).length;
  }
}
