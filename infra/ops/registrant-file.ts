/**
 * A registrant list for a property-review campaign (`npm run property-campaign -- --file …`): a CSV
 * with a header row, or a JSON array, one registrant each, in the fields of the registrant routes
 * (registrantNo, name, category, department, position, registrationType, eventOn, staffSub,
 * publicDisclosure, retiredOn). Missing registrationType and eventOn take the campaign's. Every row
 * is checked before anything is sent: a bad row is named with its field, and nothing is started.
 */
import { parse } from 'csv-parse/sync';
import { registrantInputSchema, type RegistrantInput } from '#shared/kinds/property-review/registrants.ts';

export class RegistrantFileError extends Error {
  override name = 'RegistrantFileError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

const EMPTY = new Set(['', undefined, null]);

function fromCsv(text: string): Record<string, unknown>[] {
  const rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<
    string,
    string
  >[];
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row)
        .filter(([, v]) => !EMPTY.has(v))
        .map(([k, v]) => [k, k === 'publicDisclosure' ? ['true', 'y', 'yes', '1', '예'].includes(v.toLowerCase()) : v]),
    ),
  );
}

export function readRegistrantFile(
  text: string,
  format: 'csv' | 'json',
  campaign: { year: number; registrationType: RegistrantInput['registrationType'] },
): RegistrantInput[] {
  let rows: unknown;
  try {
    rows = format === 'json' ? JSON.parse(text) : fromCsv(text);
  } catch (error) {
    throw new RegistrantFileError([
      `파일을 읽을 수 없습니다: ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
  if (!Array.isArray(rows)) throw new RegistrantFileError(['JSON 파일은 의무자 배열이어야 합니다']);
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const out: RegistrantInput[] = [];
  rows.forEach((row, i) => {
    const line = format === 'csv' ? `${i + 2}행` : `${i + 1}번째`;
    const withDefaults = {
      registrationType: campaign.registrationType,
      ...(campaign.registrationType === 'yearly' && { eventOn: `${campaign.year}-01-01` }),
      ...(row as Record<string, unknown>),
    };
    const parsed = registrantInputSchema.safeParse(withDefaults);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push(`${line}: ${issue.path.join('.') || '행'} — ${issue.message}`);
      return;
    }
    const first = seen.get(parsed.data.registrantNo);
    if (first !== undefined) problems.push(`${line}: registrantNo ${parsed.data.registrantNo} — 앞의 항목과 중복`);
    seen.set(parsed.data.registrantNo, i);
    out.push(withDefaults as RegistrantInput);
  });
  if (out.length === 0 && problems.length === 0) problems.push('의무자가 한 명도 없습니다');
  if (problems.length > 0) throw new RegistrantFileError(problems);
  return out;
}
