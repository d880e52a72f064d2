import type { FindingSource } from './types';

/**
 * Where each facts-file tag the checks cite can be read. Only addresses the facts file gives
 * (§13 Sources): an AWS page, or the awsdocs repository file it names.
 */
const AWSDOCS = 'https://github.com/awsdocs';
const URLS: Record<string, string> = {
  'L-ASYNC': 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html',
  'L-SQS23': `${AWSDOCS}/aws-lambda-developer-guide/blob/main/doc_source/with-sqs.md`,
  'L-SQS-SCALE': 'https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-scaling.html',
  'L-KIN': `${AWSDOCS}/aws-lambda-developer-guide/blob/main/doc_source/with-kinesis.md`,
  'L-DDB': `${AWSDOCS}/aws-lambda-developer-guide/blob/main/doc_source/with-ddb.md`,
  'L-CONC': `${AWSDOCS}/aws-lambda-developer-guide/blob/main/doc_source/configuration-concurrency.md`,
  'L-RTENV': `${AWSDOCS}/aws-lambda-developer-guide/blob/main/doc_source/lambda-runtime-environment.md`,
  'L-APIGW-ERR': 'https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html',
  'L-INVOKE': 'https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html',
  'L-1MB':
    'https://aws.amazon.com/blogs/compute/more-room-to-build-serverless-services-now-support-payloads-up-to-1-mb',
  'SQS-DLQ':
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html',
  'SNS-RETRY': 'https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-retries.html',
  'EB-TARGETS': `${AWSDOCS}/amazon-eventbridge-user-guide/blob/main/doc_source/eb-targets.md`,
  'EB-SCHED': 'https://docs.aws.amazon.com/scheduler/latest/APIReference/API_RetryPolicy.html',
  'APIGW-LIM': `${AWSDOCS}/amazon-api-gateway-developer-guide/blob/main/doc_source/limits.md`,
  'S3-FILTER': `${AWSDOCS}/amazon-s3-userguide/blob/main/doc_source/notification-how-to-filtering.md`,
  'KDS-LIM': `${AWSDOCS}/amazon-kinesis-data-streams-developer-guide/blob/main/doc_source/service-sizes-and-limits.md`,
};

/** "[L-ASYNC] [SQS-DLQ]" → the tags, and the address of the first one that has one. */
export function source(tag: string): FindingSource {
  for (const m of tag.matchAll(/\[([A-Z0-9-]+)\]/g)) {
    const url = URLS[m[1]];
    if (url) return { tag, url };
  }
  return { tag };
}
