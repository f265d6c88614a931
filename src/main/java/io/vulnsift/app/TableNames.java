package io.vulnsift.app;

import java.util.regex.Pattern;

/**
 * The configured DynamoDB table names, checked before a client is built: DynamoDB rejects a bad
 * name only at the first request, deep into a command, and its message names neither the table nor
 * the setting that holds it.
 */
final class TableNames {

  /** DynamoDB's rule for a table name: 3 to 255 of these characters. */
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

  /**
   * A table's ARN, which DynamoDB's requests take in place of its name (a table of another
   * account); only its name part is checked, the rest is DynamoDB's to judge.
   */
  private static final Pattern ARN = Pattern.compile("arn:[^:]+:dynamodb:[^:]*:[^:]*:table/(.*)");

  private TableNames() {}

  /**
   * @throws IllegalArgumentException naming the setting of the first table name DynamoDB would
   *     reject
   */
  static void check(VulnsiftConfig config) {
    check("VULNSIFT_INVENTORY_TABLE", "vulnsift.inventory-table", config.inventoryTable());
    check("VULNSIFT_STATE_TABLE", "vulnsift.state-table", config.stateTable());
  }

  static void check(String variable, String key, String table) {
    var arn = ARN.matcher(table);
    String name = arn.matches() ? arn.group(1) : table;
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          variable
              + " ("
              + key
              + "): '"
              + table
              + "' is not a DynamoDB table name: 3 to 255 characters of a-z, A-Z, 0-9, '_', '-'"
              + " and '.'");
    }
  }
}
