package io.vulnsift.engine.report;

/**
 * One stage of the alert-reduction funnel.
 *
 * @param stage stage name ({@code fetched}, {@code severity}, a filter's name, {@code new}, …)
 * @param unit {@code findings} or {@code groups}
 * @param count how many survive this stage
 * @param dropped how many this stage removed
 * @param reason why the dropped ones were removed
 */
public record FunnelStage(String stage, String unit, int count, int dropped, String reason) {}
