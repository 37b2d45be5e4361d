/**
 * A record that carries its own version (committees, the 구민감사관 roster): version 1 is written only
 * if nothing is there yet, any later version only over exactly the version before it.
 */
import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from './condition-failure.ts';

/** Writes `item`; false when the version it follows is not the stored one (someone else wrote first). */
export async function putVersioned(
  doc: DynamoDBDocumentClient,
  tableName: string,
  item: Record<string, unknown> & { version: number },
): Promise<boolean> {
  try {
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: item,
        ...(item.version === 1
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: '#version = :previous',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':previous': item.version - 1 },
            }),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
