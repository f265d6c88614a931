package io.vulnsift.workflow;

import java.time.Duration;

/**
 * How findings are joined to the runtime inventory (SPEC §2.3).
 *
 * @param maxAge inventory records not seen within this period are ignored (default 3h)
 */
@Doc("How findings are joined to the runtime inventory.")
public record InventorySettings(
    @Doc("Inventory records not seen within this period are ignored (default 3h).")
        Duration maxAge) {

  public static final InventorySettings DEFAULT = new InventorySettings(null);

  public InventorySettings {
    maxAge = maxAge == null ? Duration.ofHours(3) : maxAge;
  }
}
