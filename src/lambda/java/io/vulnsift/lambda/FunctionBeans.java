package io.vulnsift.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import io.vulnsift.app.FunctionRuntime;
import io.vulnsift.app.VulnsiftConfig;
import io.vulnsift.engine.Engine;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Builds the function's runtime at start-up (this package exists in the Lambda build only, so the
 * CLI never creates AWS clients it does not need). With SnapStart, Quarkus starts the application
 * before the checkpoint: clients, workflows, compiled conditions and templates are in the snapshot,
 * ready on restore.
 */
@Singleton
public class FunctionBeans {

  @Produces
  @Singleton
  @Startup
  FunctionRuntime runtime(Engine engine, VulnsiftConfig config, ObjectMapper json) {
    return new FunctionRuntime(engine, config, json, Clock.systemUTC());
  }

  void close(@Disposes FunctionRuntime runtime) {
    runtime.close();
  }
}
