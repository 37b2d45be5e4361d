/** Where a complaint came in (grievances and field complaints). */
import * as z from 'zod';

export const CHANNELS = [
  '응답소',
  '구청장에게 바란다',
  '국민신문고',
  '전화',
  '방문',
  '서신',
  '익명신고',
  '기타',
] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;
