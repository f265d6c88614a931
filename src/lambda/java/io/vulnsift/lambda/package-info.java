/**
 * The AWS Lambda entry point: a thin handler over {@link io.vulnsift.app.FunctionRuntime}, active
 * in the {@code lambda} Maven profile ({@code ./mvnw package -Plambda} → {@code
 * target/function.zip}).
 */
package io.vulnsift.lambda;
