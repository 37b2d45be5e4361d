/**
 * How urgent a task is, the way the office's reminders count it: half and three quarters of the time
 * between opening and the due moment, the due day itself (Korea), and past due.
 */
import { koreaDateOf } from './format.ts';

export type Urgency = 'overdue' | 'today' | 'p75' | 'p50' | 'normal';

export const URGENCY_LABELS: Record<Urgency, string> = {
  overdue: '기한 경과',
  today: '오늘 마감',
  p75: '75% 경과',
  p50: '50% 경과',
  normal: '여유',
};

/** KRDS badge style per urgency. */
export const URGENCY_BADGES: Record<Urgency, string> = {
  overdue: 'bg-danger',
  today: 'bg-warning',
  p75: 'bg-light-warning',
  p50: 'bg-light-information',
  normal: 'bg-light-gray',
};

export function urgencyOf(task: { openedAt: string; dueAt: string }, now: Date = new Date()): Urgency {
  const opened = Date.parse(task.openedAt);
  const due = Date.parse(task.dueAt);
  if (now.getTime() > due) return 'overdue';
  if (koreaDateOf(now).date === koreaDateOf(task.dueAt).date) return 'today';
  const elapsed = due > opened ? (now.getTime() - opened) / (due - opened) : 1;
  if (elapsed >= 0.75) return 'p75';
  if (elapsed >= 0.5) return 'p50';
  return 'normal';
}
