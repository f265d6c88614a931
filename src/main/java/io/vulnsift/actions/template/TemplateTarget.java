package io.vulnsift.actions.template;

import java.util.function.UnaryOperator;

/**
 * Where rendered text ends up, which decides how untrusted values are escaped: every {@code {{
 * value }}} in a template is escaped for its target automatically, literal template text is not.
 */
public enum TemplateTarget {
  /** Plain text (Jira summary, ADF text nodes): nothing is interpreted, so nothing to escape. */
  PLAIN(s -> s, s -> s),
  /** Jira Data Center wiki markup. */
  JIRA_WIKI(WikiMarkup::escape, WikiMarkup::link),
  /** Slack mrkdwn: {@code & < >} only, so {@code <!channel>} can never ping. */
  SLACK_MRKDWN(Mrkdwn::escape, Mrkdwn::link);

  private final UnaryOperator<String> escaper;
  private final UnaryOperator<String> linker;

  TemplateTarget(UnaryOperator<String> escaper, UnaryOperator<String> linker) {
    this.escaper = escaper;
    this.linker = linker;
  }

  /** Escapes an untrusted value so it renders literally in this target. */
  public String escape(String untrusted) {
    return untrusted == null ? "" : escaper.apply(untrusted);
  }

  /**
   * A link to an untrusted URL in this target's syntax, or the escaped text when the URL is not a
   * plain http(s) URL (a {@code javascript:} or markup-breaking URL is never made clickable).
   */
  public String link(String untrustedUrl) {
    return untrustedUrl == null ? "" : linker.apply(untrustedUrl);
  }
}
