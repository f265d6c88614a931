package io.vulnsift.engine;

import io.vulnsift.actions.jira.JiraActionHandler;
import io.vulnsift.actions.jira.JiraSettings;
import io.vulnsift.workflow.Action;

/**
 * The real Jira handler (its plans, its follow-up plans) reporting itself configured, so that the
 * engine calls {@code deliver} — which a test overrides to record instead of sending over HTTP.
 */
abstract class ConfiguredJira extends JiraActionHandler {
  ConfiguredJira() {
    super(JiraSettings.NONE);
  }

  @Override
  public boolean configured(Action.Jira action) {
    return true;
  }
}
