/** The {@code serve} entry point's schedule: one quarkus-scheduler job per workflow. */
package io.vulnsift.scheduler;
