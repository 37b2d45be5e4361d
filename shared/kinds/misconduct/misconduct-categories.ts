/** The categories of misconduct the office records; discipline-limitation.ts gives each its 징계시효. */
export const MISCONDUCT_CATEGORIES = [
  'bribery',
  'bribe-giving',
  'embezzlement',
  'breach-of-trust',
  'sexual-offence',
  'sexual-harassment',
  'drunk-driving',
  'abuse-of-authority',
  'neglect-of-duty',
  'breach-of-service-rules',
  'other',
] as const;
export type MisconductCategory = (typeof MISCONDUCT_CATEGORIES)[number];
