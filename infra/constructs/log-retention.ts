/**
 * How long operational and access logs are kept — one setting for function logs and API access logs.
 *
 * The logs record which member of staff did what, when and from where. 개인정보의 안전성 확보조치 기준
 * 제8조① asks for at least two years when a system processes data on 50,000+ people or sensitive
 * data; the office handles ~100k field complaints a year and whistleblower reports. Kept when the
 * stack is deleted. (The audit record proper is the case history in DynamoDB, docs/design.md#2-the-case-record-is-the-truth.)
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export const LOG_RETENTION = {
  retention: RetentionDays.TWO_YEARS,
  removalPolicy: RemovalPolicy.RETAIN,
} as const;
