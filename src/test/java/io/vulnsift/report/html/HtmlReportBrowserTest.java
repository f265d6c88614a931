package io.vulnsift.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import io.vulnsift.app.FindingsView;
import io.vulnsift.aws.LocalDynamoDb;
import io.vulnsift.cli.Demo;
import io.vulnsift.engine.RunEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The HTML report as a person uses it, in headless Chromium: the README's demo run writes it
 * ({@code run --local … --report-html}), the funnel drawn on the page says what the JSON report
 * says, the runtime status and product stage filters and the search show exactly the findings the
 * {@code findings} view computes independently, and a column sorts on click. The page is saved as
 * {@code target/report.png}; {@code -Dupdate.screenshot=true} also refreshes {@code
 * docs/report.png}, the README's picture.
 */
@QuarkusMainTest
class HtmlReportBrowserTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  static final Path SCREENSHOT = Path.of("docs/report.png");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** CVE, package and short digest of a row, as the page shows them. */
  record Row(String vulnerability, String pkg, String image) {}

  @Test
  void theDemoReportShowsTheFunnelAndFiltersSearchesAndSortsTheFindings(
      QuarkusMainLauncher launcher) throws Exception {
    Path html = tmp.resolve("report.html");
    Path json = tmp.resolve("report.json");
    LaunchResult run =
        Demo.run(
            launcher,
            tmp.resolve("state"),
            "--report-out",
            json.toString(),
            "--report-html",
            html.toString());
    assertThat(run.exitCode()).as(run.getErrorOutput()).isZero();
    JsonNode report = JSON.readTree(json.toFile());

    try (Browser browser = Browser.open()) {
      var driver = browser.driver;
      driver.get(html.toUri().toString());

      // The funnel on the page is the report's funnel, stage by stage.
      List<String> expectedFunnel = new ArrayList<>();
      report
          .get("funnel")
          .forEach(s -> expectedFunnel.add(s.get("stage").asText() + "=" + s.get("count").asInt()));
      List<String> pageFunnel = new ArrayList<>();
      for (WebElement count : driver.findElements(By.cssSelector("svg.funnel text.count"))) {
        pageFunnel.add(count.getAttribute("data-stage") + "=" + count.getText());
      }
      assertThat(pageFunnel).containsExactlyElementsOf(expectedFunnel);
      assertThat(driver.findElement(By.cssSelector("svg.funnel")).isDisplayed()).isTrue();

      // Every current finding is a row.
      List<Row> all = expected(null, null);
      assertThat(all).hasSize(report.get("funnel").get(1).get("count").asInt());
      assertThat(visibleRows(driver)).containsExactlyInAnyOrderElementsOf(all);
      assertThat(shown(driver)).isEqualTo(all.size() + " of " + all.size());

      Select runtime = new Select(driver.findElement(By.id("s0-runtime")));
      Select stage = new Select(driver.findElement(By.id("s0-stage")));
      WebElement search = driver.findElement(By.id("s0-search"));

      runtime.selectByVisibleText("running");
      List<Row> running = expected("running", null);
      assertThat(visibleRows(driver)).containsExactlyInAnyOrderElementsOf(running);
      assertThat(running.size()).isBetween(1, all.size() - 1);

      stage.selectByVisibleText("production");
      List<Row> production = expected("running", "production");
      assertThat(visibleRows(driver)).containsExactlyInAnyOrderElementsOf(production);
      assertThat(production.size()).isBetween(1, running.size() - 1);
      assertThat(shown(driver)).isEqualTo(production.size() + " of " + all.size());

      search.sendKeys("cve-2023-38545");
      assertThat(visibleRows(driver))
          .containsExactlyInAnyOrderElementsOf(
              production.stream().filter(r -> r.vulnerability().equals("CVE-2023-38545")).toList())
          .isNotEmpty();
      search.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
      assertThat(visibleRows(driver)).containsExactlyInAnyOrderElementsOf(production);

      // Sorting: the first click on Severity puts the most severe first, the second reverses.
      runtime.selectByVisibleText("all");
      stage.selectByVisibleText("all");
      WebElement severity =
          driver.findElement(By.xpath("//table[@id='s0-findings']//th[button='Severity']/button"));
      severity.click();
      List<Integer> ranks = severityRanks(driver);
      assertThat(ranks).hasSize(all.size()).isSortedAccordingTo((a, b) -> b - a);
      severity.click();
      assertThat(severityRanks(driver)).isSorted();

      // The picture of the README: what runs in production, with the funnel above it.
      severity.click();
      runtime.selectByVisibleText("running");
      stage.selectByVisibleText("production");
      driver.manage().window().setSize(new Dimension(1440, 1760));
      driver.executeScript("window.scrollTo(0, 0)");
      Path png = driver.getScreenshotAs(OutputType.FILE).toPath();
      Files.createDirectories(Path.of("target"));
      Files.copy(png, Path.of("target/report.png"), StandardCopyOption.REPLACE_EXISTING);
      if (Boolean.getBoolean("update.screenshot")) {
        Files.copy(png, SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  @Test
  void hostileScannerTextStaysTextInTheBrowser() throws IOException {
    Path html = tmp.resolve("hostile.html");
    Files.writeString(html, HtmlReport.render(List.of(Reports.hostile())));

    try (Browser browser = Browser.open()) {
      var driver = browser.driver;
      driver.get(html.toUri().toString());

      assertThat(driver.executeScript("return typeof window.__pwned")).isEqualTo("undefined");
      assertThat(alertOpen(driver)).isFalse();
      assertThat(driver.findElements(By.cssSelector("img, iframe, object, embed"))).isEmpty();
      assertThat(driver.findElements(By.tagName("svg"))).hasSize(1);
      assertThat(driver.findElements(By.tagName("script"))).hasSize(1);
      assertThat(driver.findElement(By.cssSelector("#s0-findings td.pkg b")).getText())
          .isEqualTo(Reports.HOSTILE_PACKAGE);
      for (WebElement a : driver.findElements(By.tagName("a"))) {
        assertThat(a.getAttribute("href")).startsWith("https://");
      }
      // A stage full of quotes still filters: it went through the row's JSON and back.
      new Select(driver.findElement(By.id("s0-stage"))).selectByVisibleText(Reports.HOSTILE_STAGE);
      assertThat(visibleRows(driver)).hasSize(1);
      assertThat(driver.executeScript("return typeof window.__pwned")).isEqualTo("undefined");
    }
  }

  /** What the {@code findings} view lists for these filters: the expectation, computed apart. */
  private static List<Row> expected(String runtimeStatus, String stage) throws IOException {
    try (LocalDynamoDb db = LocalDynamoDb.inMemory()) {
      RunEnvironment env = Demo.environment(db, "local", NOW, Optional.empty());
      return FindingsView.rows(
              env,
              NOW,
              Duration.ofDays(7),
              Duration.ofHours(3),
              new FindingsView.Filter(
                  Optional.ofNullable(runtimeStatus), Optional.ofNullable(stage), Optional.empty()))
          .stream()
          .map(
              r ->
                  new Row(
                      r.finding().vulnerabilityId(),
                      r.finding().packageName(),
                      r.finding().imageDigest().substring("sha256:".length(), 19)))
          .toList();
    }
  }

  /** The rows a person sees: rendered, in page order. */
  @SuppressWarnings("unchecked")
  private static List<Row> visibleRows(org.openqa.selenium.chrome.ChromeDriver driver) {
    List<Map<String, String>> rows =
        (List<Map<String, String>>)
            driver.executeScript(
                "return Array.from(document.querySelectorAll('#s0-findings tbody tr'))"
                    + ".filter(r => r.getClientRects().length > 0)"
                    + ".map(r => ({v: r.cells[0].innerText, p: r.cells[2].querySelector('b')"
                    + ".innerText, i: r.cells[4].innerText}))");
    return rows.stream()
        .map(m -> new Row(m.get("v").trim(), m.get("p").trim(), m.get("i").trim()))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Integer> severityRanks(org.openqa.selenium.chrome.ChromeDriver driver) {
    List<String> shown =
        (List<String>)
            driver.executeScript(
                "return Array.from(document.querySelectorAll('#s0-findings tbody tr'))"
                    + ".filter(r => r.getClientRects().length > 0)"
                    + ".map(r => r.cells[1].querySelector('.sev').innerText)");
    return shown.stream().map(s -> io.vulnsift.model.Severity.parse(s.trim()).ordinal()).toList();
  }

  private static String shown(org.openqa.selenium.chrome.ChromeDriver driver) {
    return driver.findElement(By.id("s0-shown")).getText();
  }

  private static boolean alertOpen(org.openqa.selenium.chrome.ChromeDriver driver) {
    try {
      driver.switchTo().alert();
      return true;
    } catch (NoAlertPresentException e) {
      return false;
    }
  }
}
