/**
 * Scale-out of a scheduled run beyond one invocation (README, Scale-out): fan-out fetch, fan-in
 * decide. The schedule's invocation opens a run and enqueues one message per shard ({@link
 * io.vulnsift.shards.ShardCoordinator}); each shard's invocation fetches, enriches and filters its
 * repositories and keeps the survivors in the state table under the run ({@link
 * io.vulnsift.shards.DynamoDbShardRuns}); the shard that completes the set enqueues the decision,
 * which one invocation takes over the union — grouping, reported state, delivery, resolution —
 * exactly as an unsharded run would ({@link io.vulnsift.shards.ShardWorker}). The queue is a port
 * ({@link io.vulnsift.shards.ShardQueue}): Amazon SQS in {@code sqs/}, an in-process queue for the
 * command line.
 */
package io.vulnsift.shards;
