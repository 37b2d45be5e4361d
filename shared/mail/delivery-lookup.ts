/**
 * Asking the mail provider whether a message already went out — the check a recovery makes before
 * it resends a digest whose process died between handing the mail over and recording that it had.
 *
 * SMTP has no such question, but the local catcher (SES's stand-in) keeps what it accepted and can
 * be asked by Message-ID (`GET /api/messages?messageId=`), so on one machine the crash window is
 * closed: a digest found there is recorded as sent, never sent again. SES v2 cannot be asked by
 * Message-ID (it may replace the header with its own id and offers no lookup), but its configuration
 * set publishes a `Send` event for every mail it takes, carrying our `X-Gamsa-Message-ID` header; the
 * mail-events function records them (shared/store/mail-send-log.ts), and that record is the lookup on
 * AWS. What remains is an event later than the recovery (EventBridge delivers in seconds, a recovery
 * comes a lease later): then the outbox resends and marks the digest `deliveryUncertain`, recorded and
 * countable.
 */
import { z } from 'zod';

export type DeliveryLookupResult = { found: true; providerMessageId: string } | { found: false };

export interface DeliveryLookup {
  /** Whether a message with this Message-ID header (`<...@...>`) reached the provider. */
  find(messageId: string): Promise<DeliveryLookupResult>;
}

const catcherAnswerSchema = z.object({
  messages: z.array(z.object({ id: z.string(), messageId: z.string().nullable() })),
});

/** The local catcher's JSON API at `baseUrl` (its web inbox address). */
export function catcherDeliveryLookup(baseUrl: string, fetchImpl: typeof fetch = fetch): DeliveryLookup {
  return {
    async find(messageId) {
      const url = new URL('/api/messages', baseUrl);
      url.searchParams.set('messageId', messageId);
      const response = await fetchImpl(url, { signal: AbortSignal.timeout(10_000) });
      if (!response.ok) throw new Error(`mail catcher lookup answered ${response.status} for ${messageId}`);
      const { messages } = catcherAnswerSchema.parse(await response.json());
      const hit = messages.find((m) => m.messageId === messageId);
      return hit ? { found: true, providerMessageId: hit.id } : { found: false };
    },
  };
}
