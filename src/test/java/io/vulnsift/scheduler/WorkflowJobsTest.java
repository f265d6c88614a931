package io.vulnsift.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.quarkus.test.junit.QuarkusTest;
import io.vulnsift.workflow.Workflow;
import io.vulnsift.workflow.WorkflowLoader;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s schedule on the real quarkus-scheduler: cron, time zone, no overlap, drain. */
@QuarkusTest
class WorkflowJobsTest {
  @Inject WorkflowJobs jobs;
  @Inject Scheduler scheduler;
  @TempDir Path dir;

  final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void unschedule() {
    scheduler.getScheduledJobs().forEach(t -> scheduler.unscheduleJob(t.getId()));
    pool.shutdownNow();
  }

  Workflow workflow(String name, String triggers) throws Exception {
    Path file = dir.resolve(name + ".yaml");
    Files.writeString(
        file,
        """
        name: %s
        triggers: %s
        steps:
          - type: group
        actions:
          - type: slack
            channel: "#security-alerts"
        """
            .formatted(name, triggers));
    return new WorkflowLoader().load(file);
  }

  @Test
  void eachScheduledWorkflowGetsAJobFiringOnItsCronInItsTimeZone() throws Exception {
    Workflow berlin =
        workflow("berlin", "{ schedule: { cron: \"0 8 * * *\", timezone: Europe/Berlin } }");
    Workflow events = workflow("events-only", "{ events: [ecr-image-scan] }");

    List<Trigger> triggers = jobs.schedule(List.of(berlin, events), wf -> {});

    assertThat(triggers).extracting(Trigger::getId).containsExactly("workflow-berlin");
    ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Europe/Berlin"));
    ZonedDateTime eight = ZonedDateTime.of(now.toLocalDate(), LocalTime.of(8, 0), now.getZone());
    Instant expected = (now.isBefore(eight) ? eight : eight.plusDays(1)).toInstant();
    assertThat(scheduler.getScheduledJob("workflow-berlin").getNextFireTime()).isEqualTo(expected);
    // 08:00 in Berlin is 07:00 UTC in winter and 06:00 UTC in summer: the zone is honoured.
    assertThat(
            ZonedDateTime.of(
                    LocalDate.of(2026, 7, 1), LocalTime.of(8, 0), ZoneId.of("Europe/Berlin"))
                .withZoneSameInstant(ZoneId.of("UTC"))
                .getHour())
        .isEqualTo(6);
  }

  @Test
  void aTickWhileTheWorkflowsPreviousRunIsStillGoingIsSkipped() throws Exception {
    Workflow wf = workflow("slow", "{ schedule: { cron: \"0 * * * *\" } }");
    CountDownLatch release = new CountDownLatch(1);
    Future<Boolean> first = startBlockingRun(wf, release);

    boolean second = jobs.runAlone(wf, w -> {});
    release.countDown();

    assertThat(second).isFalse();
    assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(jobs.runAlone(wf, w -> {})).as("runs again once the first is done").isTrue();
  }

  @Test
  void stoppingWaitsForTheRunInFlightAndAFailedRunDoesNotStopTheService() throws Exception {
    Workflow wf = workflow("draining", "{ schedule: { cron: \"0 * * * *\" } }");
    CountDownLatch release = new CountDownLatch(1);
    startBlockingRun(wf, release);

    assertThat(jobs.awaitIdle(Duration.ofMillis(200))).as("still running").isFalse();
    release.countDown();
    assertThat(jobs.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(
            jobs.runAlone(
                wf,
                w -> {
                  throw new IllegalStateException("DynamoDB unreachable");
                }))
        .isTrue();
    assertThat(jobs.awaitIdle(Duration.ofSeconds(1))).isTrue();
  }

  /** Starts a run of {@code wf} that holds until {@code release}; returns once it is running. */
  private Future<Boolean> startBlockingRun(Workflow wf, CountDownLatch release)
      throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    Future<Boolean> run =
        pool.submit(
            () ->
                jobs.runAlone(
                    wf,
                    w -> {
                      started.countDown();
                      await(release);
                    }));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    return run;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
