package io.vulnsift.workflow;

import com.cronutils.model.time.ExecutionTime;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * When a workflow runs: on a cron schedule, and/or when one of the named events arrives.
 *
 * @param schedule optional cron schedule
 * @param events event kinds that start a run scoped to the event's image
 */
@Doc("When the workflow runs: on a cron schedule, and/or when one of the named events arrives.")
public record Triggers(
    @Doc("Optional cron schedule.") Schedule schedule,
    @Doc("Events that start a run scoped to the event's image.") List<EventKind> events) {

  public static final Triggers NONE = new Triggers(null, List.of());

  public Triggers {
    events = events == null ? List.of() : List.copyOf(events);
  }

  /**
   * A cron schedule.
   *
   * @param cron five-field Unix cron expression (minute hour day-of-month month day-of-week)
   * @param timezone IANA time zone the cron is evaluated in (default UTC)
   */
  @Doc("A cron schedule.")
  public record Schedule(
      @Required
          @Format(ValueFormat.CRON)
          @Doc(
              "Five-field Unix cron expression: minute hour day-of-month month day-of-week, e.g."
                  + " '0 * * * *' (hourly).")
          String cron,
      @Format(ValueFormat.TIMEZONE)
          @Doc("IANA time zone the cron is evaluated in, e.g. Europe/Berlin (default UTC).")
          String timezone) {
    public Schedule {
      timezone = timezone == null ? "UTC" : timezone;
    }

    /**
     * The first time strictly after {@code after} at which the schedule fires, in its time zone (so
     * {@code 0 8 * * *} in Europe/Berlin follows daylight saving time).
     */
    public Optional<Instant> next(Instant after) {
      ZonedDateTime from = after.atZone(ZoneId.of(timezone));
      return ExecutionTime.forCron(ValueFormat.CRON_PARSER.parse(cron))
          .nextExecution(from)
          .map(ZonedDateTime::toInstant);
    }
  }

  /** Events that can start a run. */
  public enum EventKind {
    /** {@code aws.ecr} / {@code ECR Image Scan} with status COMPLETE (basic scanning). */
    ECR_IMAGE_SCAN("ecr-image-scan"),
    /** {@code aws.inspector2} / {@code Inspector2 Scan} (enhanced, initial scan). */
    INSPECTOR2_SCAN("inspector2-scan"),
    /** {@code aws.inspector2} / {@code Inspector2 Finding} (enhanced, one finding changed). */
    INSPECTOR2_FINDING("inspector2-finding");

    private final String yamlName;

    EventKind(String yamlName) {
      this.yamlName = yamlName;
    }

    /** The name used in workflow files. */
    public String yamlName() {
      return yamlName;
    }
  }
}
