import { describe, expect, it } from 'vitest';
import { anchorKey } from '#shared/anchor/anchor-store.ts';
import {
  AnchorIntegrityError,
  buildAnchor,
  checkAgainstAnchor,
  merkleRoot,
  parseAnchor,
} from '#shared/anchor/chain-anchor.ts';

const h = (c: string) => c.repeat(64);

describe('chain anchors', () => {
  const heads = { A: { seq: 3, head: h('a') }, B: { seq: 1, head: h('b') }, C: { seq: 7, head: h('c') } };

  it('has a Merkle root independent of insertion order and sensitive to any head', () => {
    const reordered = { C: heads.C, A: heads.A, B: heads.B };
    expect(merkleRoot(reordered)).toBe(merkleRoot(heads));
    expect(merkleRoot({ ...heads, B: { seq: 1, head: h('d') } })).not.toBe(merkleRoot(heads));
    expect(merkleRoot({ ...heads, B: { seq: 2, head: h('b') } })).not.toBe(merkleRoot(heads));
    expect(merkleRoot({})).toBe(h('0'));
  });

  it('chains each anchor to the one before and rejects an edited anchor', () => {
    const first = buildAnchor(heads, new Date('2026-12-01T15:30:00Z'), undefined);
    const second = buildAnchor(heads, new Date('2026-12-02T15:30:00Z'), first);
    expect(second.previousDigest).toBe(first.digest);
    expect(parseAnchor(JSON.parse(JSON.stringify(second)), 'x')).toEqual(second);
    const edited = { ...second, heads: { ...second.heads, A: { seq: 3, head: h('e') } } };
    expect(() => parseAnchor(edited, 'x')).toThrow(AnchorIntegrityError);
    const rerooted = { ...edited, merkleRoot: merkleRoot(edited.heads) };
    expect(() => parseAnchor(rerooted, 'x')).toThrow(/digest/);
  });

  it('checks the event at the anchored sequence number', () => {
    const anchor = buildAnchor(heads, new Date('2026-12-01T15:30:00Z'), undefined);
    const events = [
      { seq: 1, hash: h('1') },
      { seq: 2, hash: h('2') },
      { seq: 3, hash: h('a') },
      { seq: 4, hash: h('4') },
    ];
    expect(checkAgainstAnchor('A', events, anchor)).toEqual({ status: 'match', takenAt: anchor.takenAt, seq: 3 });
    expect(checkAgainstAnchor('A', events.slice(0, 2), anchor)).toMatchObject({ status: 'mismatch', found: null });
    expect(checkAgainstAnchor('Z', events, anchor)).toEqual({ status: 'not-anchored' });
    expect(checkAgainstAnchor('A', events, undefined)).toEqual({ status: 'not-anchored' });
  });

  it('names S3 keys so that the newest anchor sorts first', () => {
    const older = anchorKey({ takenAt: '2026-12-01T15:30:00.000Z' });
    const newer = anchorKey({ takenAt: '2027-01-01T15:30:00.000Z' });
    expect([older, newer].sort()[0]).toBe(newer);
    expect(newer).toMatch(/^anchors\/\d{13}-/);
  });
});
