/**
 * Delivery actions: a new alert group becomes a Jira issue ({@link
 * io.vulnsift.actions.jira.JiraActionHandler}) and a Slack message ({@link
 * io.vulnsift.actions.slack.SlackActionHandler}).
 *
 * <p>{@code plan()} is pure and returns the exact request body, so {@code --dry-run} and {@code
 * --plan-out} show what {@code deliver()} sends. Scanner text is untrusted: templates are Pebble
 * with auto-escaping per target ({@link io.vulnsift.actions.template.TemplateTarget}), Jira Cloud
 * descriptions are ADF built from text nodes only, and every text is cut to the API's limits with a
 * visible marker rather than failing. Template variables: {@link
 * io.vulnsift.actions.template.TemplateModel}.
 */
package io.vulnsift.actions;
