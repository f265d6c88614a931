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
 *
 * <p>Follow-ups of a group an action delivered before ({@code planFollowUp} / {@code
 * deliverFollowUp}): Jira comments on a re-notification and transitions on resolve and regression
 * ({@link io.vulnsift.actions.jira.JiraActionHandler}); Slack replies in the alert's thread and, on
 * resolve, edits the alert ({@link io.vulnsift.actions.slack.SlackActionHandler}). A follow-up that
 * cannot be done as configured (no fitting transition, a "Won't Fix" issue, an alert that can no
 * longer be edited) falls back to a comment or reply rather than failing again on every run.
 */
package io.vulnsift.actions;
