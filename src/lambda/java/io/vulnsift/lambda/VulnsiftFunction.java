package io.vulnsift.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.vulnsift.app.FunctionRuntime;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The Lambda entry point (behind {@code QuarkusStreamHandler}): raw EventBridge JSON in, a JSON
 * summary out. A stream handler rather than a typed one because the function takes six event
 * shapes, and Scheduler's default {@code detail} is the string {@code "{}"}, which a typed {@code
 * ScheduledEvent} cannot bind. All decisions live in {@link FunctionRuntime}.
 */
@Named("vulnsift")
public class VulnsiftFunction implements RequestStreamHandler {

  @Inject FunctionRuntime runtime;

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
    output.write(runtime.handle(event).getBytes(StandardCharsets.UTF_8));
  }
}
