package io.vulnsift.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.vulnsift.actions.jira.JiraConfig;
import io.vulnsift.actions.jira.JiraSettings;
import io.vulnsift.actions.slack.SlackConfig;
import io.vulnsift.actions.slack.SlackSettings;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void jiraSettingsFromConfigMapping() {
    JiraConfig config =
        new JiraConfig() {
          @Override
          public Optional<String> url() {
            return Optional.of("https://acme.atlassian.net");
          }

          @Override
          public Optional<String> email() {
            return Optional.of("bot@acme.io");
          }

          @Override
          public Optional<String> apiToken() {
            return Optional.of("s3cret");
          }

          @Override
          public Optional<String> pat() {
            return Optional.empty();
          }

          @Override
          public Optional<String> secretArn() {
            return Optional.empty();
          }

          @Override
          public java.time.Duration timeout() {

            return java.time.Duration.ofSeconds(30);
          }
        };
    JiraSettings settings = JiraSettings.from(config);
    assertThat(settings.configured()).isTrue();
    assertThat(settings.flavour()).isEqualTo(JiraSettings.Flavour.CLOUD);
    assertThat(settings.flavour().apiVersion()).isEqualTo("3");
    assertThat(settings.toString())
        .doesNotContain("s3cret")
        .contains("apiToken=<redacted>", "pat=<unset>");
  }

  @Test
  void slackSettingsFromConfigMapping() {
    SlackConfig config =
        new SlackConfig() {
          @Override
          public Optional<String> botToken() {
            return Optional.of("xoxb-1");
          }

          @Override
          public String apiUrl() {
            return SlackSettings.DEFAULT_API_URL;
          }

          @Override
          public Optional<String> secretArn() {
            return Optional.empty();
          }

          @Override
          public java.time.Duration timeout() {

            return java.time.Duration.ofSeconds(30);
          }
        };
    SlackSettings settings = SlackSettings.from(config);
    assertThat(settings.hasBotToken()).isTrue();
    assertThat(settings.apiUrl()).isEqualTo("https://slack.com/api/");
    assertThat(settings.toString()).doesNotContain("xoxb");
  }
}
