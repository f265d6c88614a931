package io.vulnsift.aws;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Meters the capacity units a client consumes, per operation, for the run report. It asks every
 * data-plane request for {@code ReturnConsumedCapacity=TOTAL} and adds up what comes back. A
 * dynamic proxy rather than an SDK interceptor, because the embedded DynamoDB Local client is not
 * built by an SDK builder and takes no interceptors.
 */
final class CapacityMeter implements InvocationHandler {
  private static final ReturnConsumedCapacity TOTAL = ReturnConsumedCapacity.TOTAL;

  private final DynamoDbClient delegate;
  private final Map<String, DoubleAdder> units = new ConcurrentHashMap<>();

  private CapacityMeter(DynamoDbClient delegate) {
    this.delegate = delegate;
  }

  /** The metered client and the meter that reads it. */
  record Metered(DynamoDbClient client, CapacityMeter meter) {}

  static Metered wrap(DynamoDbClient delegate) {
    CapacityMeter meter = new CapacityMeter(delegate);
    DynamoDbClient proxy =
        (DynamoDbClient)
            Proxy.newProxyInstance(
                DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class},
                meter);
    return new Metered(proxy, meter);
  }

  /** Capacity units consumed per operation so far. */
  Map<String, Double> units() {
    Map<String, Double> out = new java.util.TreeMap<>();
    units.forEach((op, sum) -> out.put(op, sum.sum()));
    return out;
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    // SDK operations are default methods of the interface; the Consumer<Builder> variants build the
    // request and call the request variant, so let them call back into the proxy.
    if (method.isDefault()
        && args != null
        && args.length == 1
        && args[0] instanceof java.util.function.Consumer) {
      return InvocationHandler.invokeDefault(proxy, method, args);
    }
    Object[] actual = args;
    if (args != null && args.length == 1) {
      actual = new Object[] {withCapacity(args[0])};
    }
    try {
      Object result = method.invoke(delegate, actual);
      record(method.getName(), result);
      return result;
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Object withCapacity(Object request) {
    if (request instanceof GetItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(TOTAL).build();
    } else if (request instanceof PutItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(TOTAL).build();
    } else if (request instanceof UpdateItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(TOTAL).build();
    } else if (request instanceof DeleteItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(TOTAL).build();
    } else if (request instanceof QueryRequest r) {
      return r.toBuilder().returnConsumedCapacity(TOTAL).build();
    } else if (request instanceof ScanRequest r) {
      return r.toBuilder().returnConsumedCapacity(TOTAL).build();
    } else if (request instanceof BatchGetItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(TOTAL).build();
    } else if (request instanceof BatchWriteItemRequest r) {
      return r.toBuilder().returnConsumedCapacity(TOTAL).build();
    }
    return request;
  }

  private void record(String method, Object response) {
    List<ConsumedCapacity> consumed;
    if (response instanceof GetItemResponse r) {
      consumed = one(r.consumedCapacity());
    } else if (response instanceof PutItemResponse r) {
      consumed = one(r.consumedCapacity());
    } else if (response instanceof UpdateItemResponse r) {
      consumed = one(r.consumedCapacity());
    } else if (response instanceof DeleteItemResponse r) {
      consumed = one(r.consumedCapacity());
    } else if (response instanceof QueryResponse r) {
      consumed = one(r.consumedCapacity());
    } else if (response instanceof ScanResponse r) {
      consumed = one(r.consumedCapacity());
    } else if (response instanceof BatchGetItemResponse r) {
      consumed = r.consumedCapacity();
    } else if (response instanceof BatchWriteItemResponse r) {
      consumed = r.consumedCapacity();
    } else {
      return;
    }
    String op = Character.toUpperCase(method.charAt(0)) + method.substring(1);
    for (ConsumedCapacity c : consumed) {
      if (c != null && c.capacityUnits() != null) {
        units.computeIfAbsent(op, k -> new DoubleAdder()).add(c.capacityUnits());
      }
    }
  }

  private static List<ConsumedCapacity> one(ConsumedCapacity c) {
    return c == null ? List.of() : List.of(c);
  }
}
