/**
 * The one way the store reads a query past its first page: `paginateQuery` of the document client
 * follows LastEvaluatedKey, and these two helpers give its items one by one or its count.
 * (Cursor pages that a caller resumes later, such as case lists and search, keep their own key.)
 */
import {
  paginateQuery,
  type DynamoDBDocumentClient,
  type NativeAttributeValue,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';

type Item = Record<string, NativeAttributeValue>;

/** Every item the query matches, page after page; stop early by leaving the loop. */
export async function* queryItems(
  doc: DynamoDBDocumentClient,
  input: QueryCommandInput,
  options: { pageSize?: number } = {},
): AsyncGenerator<Item> {
  for await (const page of paginateQuery({ client: doc, ...options }, { ...input })) {
    yield* page.Items ?? [];
  }
}

/** Every item the query matches, as one array. */
export async function queryAll(doc: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  for await (const item of queryItems(doc, input)) items.push(item);
  return items;
}

/** How many items the query matches (Select COUNT over every page); `onPage` is told of each request. */
export async function queryCount(
  doc: DynamoDBDocumentClient,
  input: QueryCommandInput,
  onPage?: () => void,
): Promise<number> {
  let count = 0;
  for await (const page of paginateQuery({ client: doc }, { ...input, Select: 'COUNT' })) {
    onPage?.();
    count += page.Count ?? 0;
  }
  return count;
}
