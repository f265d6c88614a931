package io.vulnsift.workflow;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.ParserException;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.StringLoader;

/** Checks that a Pebble template (Jira summary/description, Slack text) parses. */
final class Templates {
  private static final PebbleEngine ENGINE =
      new PebbleEngine.Builder().loader(new StringLoader()).cacheActive(false).build();

  private Templates() {}

  static ValueFormat.Problem check(String template) {
    try {
      ENGINE.getTemplate(template);
      return null;
    } catch (ParserException e) {
      Integer line = e.getLineNumber();
      return new ValueFormat.Problem(
          "invalid template: " + e.getPebbleMessage(), line == null ? 0 : line, 0);
    } catch (PebbleException e) {
      return ValueFormat.Problem.of("invalid template: " + e.getPebbleMessage());
    }
  }
}
