/**
 * The store's side of `AtomicWrite` (shared/usecases/ports.ts): a DynamoDB transaction item, handed
 * to the use cases as an opaque value and opened again only here, when the store commits it with a
 * case change.
 */
import type { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AtomicWrite } from '../usecases/ports.ts';

export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

export const atomic = (item: TransactItem): AtomicWrite => item as unknown as AtomicWrite;
export const atomics = (items: readonly TransactItem[]): AtomicWrite[] => items as unknown as AtomicWrite[];
export const opened = (writes: readonly AtomicWrite[]): TransactItem[] => writes as unknown as TransactItem[];
