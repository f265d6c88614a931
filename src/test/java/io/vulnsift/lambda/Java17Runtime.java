package io.vulnsift.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What the AWS Lambda java17 runtime does with {@code function.zip}, for tests of the built
 * package: unpack it, load the task root and every jar of {@code lib/} in a class loader of their
 * own, and call {@code QuarkusStreamHandler::handleRequest} with a stand-in {@code Context}. Each
 * class loader is one execution environment: its own Quarkus application, clients and caches.
 */
public final class Java17Runtime implements AutoCloseable {

  public static final String HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler";

  private final URLClassLoader loader;

  private Java17Runtime(URLClassLoader loader) {
    this.loader = loader;
  }

  /** The class path of an unpacked package: the task root, then every jar of {@code lib/}. */
  public static Java17Runtime of(Path taskRoot) throws IOException {
    List<URL> jars = new ArrayList<>(List.of(taskRoot.toUri().toURL()));
    try (var files = Files.walk(taskRoot.resolve("lib"))) {
      for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(jar.toUri().toURL());
      }
    }
    return new Java17Runtime(
        new URLClassLoader(jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader()));
  }

  public ClassLoader loader() {
    return loader;
  }

  /** A new handler instance; the first one starts the packaged application. */
  public Object newHandler() throws ReflectiveOperationException {
    return inside(() -> Class.forName(HANDLER, true, loader).getConstructor().newInstance());
  }

  /** Calls {@code handleRequest(InputStream, OutputStream, Context)}; returns what it wrote. */
  public String invoke(Object handler, String event) throws ReflectiveOperationException {
    Class<?> contextType =
        Class.forName("com.amazonaws.services.lambda.runtime.Context", false, loader);
    Object context =
        Proxy.newProxyInstance(
            loader,
            new Class<?>[] {contextType},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getAwsRequestId" -> "test-" + System.nanoTime();
                  case "getFunctionName" -> "vulnsift";
                  case "getFunctionVersion" -> "1";
                  case "getRemainingTimeInMillis" -> 900_000;
                  case "getMemoryLimitInMB" -> 2048;
                  case "toString" -> "Java17Runtime context";
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  default -> null;
                });
    Method handle =
        handler
            .getClass()
            .getMethod("handleRequest", InputStream.class, OutputStream.class, contextType);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    inside(
        () ->
            handle.invoke(
                handler,
                new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                out,
                context));
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Runs with the package's class loader as the thread's context class loader, as Lambda does. */
  private <T> T inside(Action<T> action) throws ReflectiveOperationException {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return action.run();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @FunctionalInterface
  private interface Action<T> {
    T run() throws ReflectiveOperationException;
  }

  /** Unpacks {@code zip} into {@code into}, refusing entries that would land outside it. */
  public static void unzip(Path zip, Path into) throws IOException {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        Path target = into.resolve(e.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IOException("zip entry outside the target: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target);
        }
      }
    }
  }

  /** The cause of a reflective call's failure, for assertion messages. */
  public static Throwable cause(Throwable t) {
    return t instanceof InvocationTargetException ite && ite.getCause() != null
        ? ite.getCause()
        : t;
  }

  @Override
  public void close() throws IOException {
    loader.close();
  }
}
