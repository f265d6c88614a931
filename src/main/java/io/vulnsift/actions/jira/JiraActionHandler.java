package io.vulnsift.actions.jira;

import io.vulnsift.actions.http.RetryPolicy;
import io.vulnsift.engine.ActionHandler;
import io.vulnsift.engine.Alert;
import io.vulnsift.engine.DeliveryException;
import io.vulnsift.engine.FollowUp;
import io.vulnsift.engine.PlannedRequest;
import io.vulnsift.engine.report.RequestCounts;
import io.vulnsift.workflow.Action;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers a new group as a Jira issue ({@code jira.create}): REST v3 with an ADF description on
 * Jira Cloud, REST v2 with a wiki-markup description on Data Center (chosen by {@link
 * JiraSettings#flavour()}). The body is built by {@link JiraIssueBody}; template variables are
 * documented on {@link io.vulnsift.actions.template.TemplateModel}. Sending is {@link JiraClient}.
 *
 * <p>Follow-ups of an issue it created: a re-notification is a comment ({@code jira.comment}); a
 * resolve or a regression is a transition ({@code jira.transition}), planned by transition
 * <em>name</em> ({@code {"transition":{"name":"Done"},"update":{"comment":[…]}}}) because the id is
 * resolved at delivery from the issue's transitions, with fallbacks and a comment when none fits
 * ({@link JiraFollowUps}, {@link IssueLifecycle}).
 */
@ApplicationScoped
public class JiraActionHandler implements ActionHandler<Action.Jira> {

  public static final String OPERATION = "jira.create";

  private final JiraSettings settings;
  private final JiraClient client;
  private final IssueLifecycle lifecycle;
  private final RequestCounts requests = new RequestCounts();

  @Inject
  public JiraActionHandler(JiraConfig config) {
    this(JiraSettings.from(config), RetryPolicy.DEFAULT, config.timeout());
  }

  public JiraActionHandler(JiraSettings settings) {
    this(settings, RetryPolicy.DEFAULT);
  }

  public JiraActionHandler(JiraSettings settings, RetryPolicy retry) {
    this(settings, retry, JiraClient.DEFAULT_TIMEOUT);
  }

  public JiraActionHandler(JiraSettings settings, RetryPolicy retry, Duration timeout) {
    this.settings = settings;
    this.client = new JiraClient(settings, retry, requests, timeout);
    this.lifecycle = new IssueLifecycle(client);
  }

  @Override
  public String type() {
    return "jira";
  }

  @Override
  public Class<Action.Jira> actionClass() {
    return Action.Jira.class;
  }

  @Override
  public PlannedRequest plan(Action.Jira action, Alert alert) {
    return new PlannedRequest(OPERATION, JiraIssueBody.build(action, alert, settings.flavour()));
  }

  @Override
  public Map<String, Integer> requestCounts() {
    return requests.snapshot();
  }

  @Override
  public boolean configured(Action.Jira action) {
    return settings.configured();
  }

  @Override
  public Map<String, String> deliver(Action.Jira action, PlannedRequest request, Alert alert) {
    requireConfigured();
    return client.create(request.payload(), alert.group().fingerprint(), alert.workflow());
  }

  /**
   * See {@link JiraFollowUps} for what is planned and {@link IssueLifecycle} for how it is sent.
   */
  @Override
  public Optional<PlannedRequest> planFollowUp(Action.Jira action, FollowUp followUp) {
    return JiraFollowUps.plan(action, followUp, settings.flavour());
  }

  @Override
  public Map<String, String> deliverFollowUp(
      Action.Jira action, PlannedRequest request, FollowUp followUp) {
    requireConfigured();
    return lifecycle.deliver(action, request, followUp);
  }

  private void requireConfigured() {
    if (!settings.configured()) {
      throw new DeliveryException(
          "Jira is not configured: set VULNSIFT_JIRA_URL and either VULNSIFT_JIRA_EMAIL +"
              + " VULNSIFT_JIRA_API_TOKEN (Cloud) or VULNSIFT_JIRA_PAT (Data Center), directly or"
              + " in the secret VULNSIFT_JIRA_SECRET_ARN");
    }
  }
}
