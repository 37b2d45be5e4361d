/**
 * The one table. This definition is the single source for the CDK construct (infra/) and for the
 * local bootstrap (infra/local/), so both hosts get the same keys and indexes.
 *
 * Item layout (pk / sk), and what each index serves — every list is an index query (docs/design.md#7-scale-by-index-never-by-scan):
 *
 * | item            | pk                          | sk                     | gsi1 (by person)                 | gsi2 (by kind / list)              | gsi3 (lookup)          |
 * |-----------------|-----------------------------|------------------------|----------------------------------|------------------------------------|------------------------|
 * | case            | CASE#<caseId>               | CASE                   | ASSIGNEE#<sub> / <updatedAt>#id  | KIND#<kind> / <receivedAt>#id      | CASENO#<no> / CASE     |
 * | history event   | CASE#<caseId>               | EVENT#<seq 8 digits>   |                                  |                                    |                        |
 * | open task       | CASE#<caseId>               | TASK#<taskId>          | TASKS#<sub or role> / <due>#id   | OPEN_TASKS#<shard> / <mid>#id¹     | COMMITTEE_TASKS#<kind> / <openedAt>#id (committee steps only) |
 * | staff member    | STAFF#<sub>                 | PROFILE                | TEAM#<team> or STAFF_DEPT#<부서> / <name> |                                    | EMAIL#<email> / STAFF  |
 * | reminder prefs  | STAFF#<sub>                 | REMINDER_PREFERENCES   |                                  |                                    |                        |
 * | case no. counter| COUNTER#CASENO#<year>#<team>| COUNTER                |                                  |                                    |                        |
 * | idempotency     | IDEMPOTENCY#<sub>#<key>     | IDEMPOTENCY            |                                  |                                    |                        |
 * | reminder marker | CASE#<caseId>               | REMINDER#<taskId>#<threshold>#<sub> |                     |                                    |                        |
 * | read tally      | CASE#<caseId>               | READS#<Korea hour>#<sub>            |                     |                                    |                        |
 * | reminder digest | REMINDER_DIGEST#<run>#<sub>#<n> | DIGEST             |                                  | REMINDER_DIGESTS#OPEN / <lease end>#id (unfinished only) |  |
 * | report mailing  | REPORT_MAIL#<report>#<sub>  | MAIL                   |                                  |                                    |                        |
 * | frozen report   | REPORT#<reportId>           | OFFICE_REPORT          |                                  |                                    |                        |
 * | committee       | COMMITTEE#<kind>            | COMMITTEE              |                                  | COMMITTEES / <kind>                |                        |
 * | meeting         | MEETING#<meetingId>         | MEETING                |                                  | MEETINGS#<kind> / <scheduledAt>#id |                        |
 * | item decision   | MEETING#<meetingId>         | DECISION#<taskId>      |                                  |                                    |                        |
 * | export record   | EXPORT#<exportId>           | EXPORT                 |                                  | EXPORTS#<yyyy-mm> / <at>#<exportId> |                       |
 * | mail failure    | MAIL_FAILED#<message id>    | RCPT#<email>#<kind>    |                                  | MAIL_FAILURES / <at>#…             |                        |
 * | mail suppression| MAIL_SUPPRESSED#<email>     | SUPPRESSION            |                                  | MAIL_NOTICES#PENDING / <at>#<email> (admin not told yet) |  |
 * | field complaint | FCOMPLAINT#<응답소 no.>     | RECORD / CHANGE#<ver>  |                                  | FCOMPLAINTS#<yyyy-mm> / <receivedAt>#<no.> (record only) |  |
 * | field import job| FCIMPORT#<importId>         | JOB                    |                                  | FCIMPORTS / <startedAt>#<importId> |                        |
 * | pending upload  | UPLOAD#<fileId>             | PENDING                |                                  | UPLOADS#PENDING / <expiresAt>#<fileId> (until completed) |  |
 *
 * ¹ The midpoint between the task's opening and due times (task-repository.ts openTaskIndexSortKey):
 *   the reminder job reads up to 45 days past its run and a task's 50% reminder falls near it.
 *
 * Field complaints (field-complaint-store.ts) are records, not cases: the monthly analysis reads one
 * FCOMPLAINTS#<month> partition per month.
 *
 * Case items also carry the search index attributes (srch*) and are in the search-* indexes; the
 * layout and what each serves is in case-search-index.ts. Export records (who exported which
 * filters, how many rows) are listed by auditors per month from gsi2 (case-export.ts).
 *
 * Committees (committee-repository.ts): a meeting's agenda is the gsi3 query COMMITTEE_TASKS#<kind>
 * (open tasks a committee decides) until the meeting opens, then frozen on the meeting item; each
 * item's decision is its own item, written in the same transaction as the case, its minutes event
 * and the task it completes. Committee notices use report-mailing items (REPORT_MAIL#committee-notice#…).
 *
 * Misconduct investigations keep their details on the case item (`misconduct`: notice or origin,
 * officials concerned, evidence references, 징계시효, suspension, disposition), so the case, its
 * rules and its history change in one transaction; the office report is a gsi2 range query on
 * KIND#<kind> between two receipt dates, counting each case by its approved disposition.
 * The limitation alarms read open misconduct cases the same way (KIND#<kind>, bounded by those two
 * kinds), and the quarterly grievance analysis reads KIND#grievance between the quarter's dates.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { SEARCH_INDEXES } from './case-search-index.ts';

export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

export interface IndexDefinition {
  indexName: string;
  partitionKey: string;
  sortKey: string;
}

export const TABLE_INDEXES: readonly IndexDefinition[] = [
  { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ...SEARCH_INDEXES,
];

/** Attribute that holds an expiry (epoch seconds) for DynamoDB TTL; DynamoDB Local never deletes, so readers filter too. */
export const TTL_ATTRIBUTE = 'expiresAt';

/** CreateTable input for DynamoDB Local (on AWS the CDK construct builds the same keys and indexes). */
export function createTableInput(tableName: string): CreateTableCommandInput {
  // Several search indexes share an attribute (e.g. srchReceived); each is defined once.
  const keyNames = [
    ...new Set([
      TABLE_KEYS.partitionKey,
      TABLE_KEYS.sortKey,
      ...TABLE_INDEXES.flatMap((i) => [i.partitionKey, i.sortKey]),
    ]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyNames.map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE_INDEXES.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}
