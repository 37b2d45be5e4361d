/**
 * One Idempotency-Key per form submission: a retry of the same submission (after a lost answer) repeats
 * the key, so the server does it once; any change to the form makes it a new submission.
 */
import { useRef } from 'react';
import { newIdempotencyKey } from '../api/client.ts';

export function useSubmissionKey(): { key(): string; done(): void } {
  const current = useRef<string | undefined>(undefined);
  return {
    key() {
      current.current ??= newIdempotencyKey();
      return current.current;
    },
    done() {
      current.current = undefined;
    },
  };
}
