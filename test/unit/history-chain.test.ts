import { describe, expect, it } from 'vitest';
import { appendToChain, GENESIS_HASH, verifyChain, type EventDraft } from '#shared/domain/history.ts';

const actor = { sub: 'u-1', name: '박준형', role: 'investigator' as const };
const draft = (text: string, at = '2026-11-25T10:00:00+09:00'): EventDraft => ({
  type: 'NOTE_ADDED',
  at,
  actor,
  data: { text },
});

function chainOf(n: number) {
  return appendToChain(
    'CASE1',
    { historySeq: 0, historyHead: GENESIS_HASH },
    Array.from({ length: n }, (_, i) => draft(`메모 ${i + 1}`)),
  );
}

describe('history hash chain', () => {
  it('links each event to the previous one and verifies an untouched chain against the case tip', () => {
    const { events, head } = chainOf(4);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(events[0]?.prevHash).toBe(GENESIS_HASH);
    expect(events[2]?.prevHash).toBe(events[1]?.hash);
    expect(verifyChain(events, head)).toEqual({ ok: true, checked: 4 });
  });

  it('continues a chain from a stored tip so later appends verify with earlier ones', () => {
    const first = chainOf(2);
    const second = appendToChain('CASE1', first.head, [draft('추가 메모')]);
    expect(verifyChain([...first.events, ...second.events], second.head).ok).toBe(true);
  });

  it('names an edited event by its sequence number (hash no longer matches its content)', () => {
    const { events, head } = chainOf(4);
    const tampered = events.map((e) => (e.seq === 3 ? { ...e, data: { text: '조작된 메모' } } : e));
    expect(verifyChain(tampered, head).firstBreak).toMatchObject({ seq: 3, reason: 'hash-mismatch' });
  });

  it('detects a deleted event in the middle as a sequence gap at its number', () => {
    const { events, head } = chainOf(4);
    expect(
      verifyChain(
        events.filter((e) => e.seq !== 2),
        head,
      ).firstBreak,
    ).toMatchObject({ seq: 2, reason: 'sequence-gap' });
  });

  it('detects reordered events even when their sequence numbers are swapped too', () => {
    const { events, head } = chainOf(4);
    const [a, b, c, d] = events;
    const swapped = [a!, { ...c!, seq: 2 }, { ...b!, seq: 3 }, d!];
    expect(verifyChain(swapped, head).firstBreak).toMatchObject({ seq: 2, reason: 'prev-hash-mismatch' });
  });

  it('detects removal of the newest events through the tip recorded on the case', () => {
    const { events, head } = chainOf(4);
    expect(verifyChain(events.slice(0, 3), head).firstBreak).toMatchObject({ seq: 4, reason: 'missing-tail' });
  });

  it('detects events appended past the tip recorded on the case, even correctly chained ones', () => {
    const { events } = chainOf(4);
    const recordedTip = { historySeq: 3, historyHead: events[2]!.hash };
    expect(verifyChain(events, recordedTip).firstBreak).toEqual({
      seq: 4,
      reason: 'extra-events',
      expected: 3,
      found: 4,
    });
  });

  it('detects an edited event whose hash was recomputed, because the next link no longer matches', () => {
    const { events, head } = chainOf(3);
    const forged = appendToChain('CASE1', { historySeq: 1, historyHead: events[0]!.hash }, [draft('다시 쓴 메모')])
      .events[0]!;
    expect(verifyChain([events[0]!, forged, events[2]!], head).firstBreak).toMatchObject({
      seq: 3,
      reason: 'prev-hash-mismatch',
    });
  });
});
