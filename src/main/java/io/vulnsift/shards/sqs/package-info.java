/** The shard queue on Amazon SQS, through the AWS SDK (the {@code sqs} module, JSON protocol). */
package io.vulnsift.shards.sqs;
