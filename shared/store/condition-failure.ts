/** DynamoDB refused a write because its condition did not hold (someone else wrote first, or the item is there). */
export function isConditionFailure(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'ConditionalCheckFailedException';
}
