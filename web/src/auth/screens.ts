import type { Role } from './session.tsx';

/** Who may open which screen; the API refuses the rest anyway, this keeps people off dead ends. */
export const SCREEN_ROLES = {
  case: ['clerk', 'investigator', 'team-lead', 'head', 'secretary', 'auditor', 'admin'],
  intake: ['clerk', 'investigator', 'team-lead', 'head', 'admin'],
  search: ['clerk', 'investigator', 'team-lead', 'head', 'secretary', 'auditor', 'admin'],
  export: ['investigator', 'team-lead', 'head', 'admin', 'auditor'],
  committees: ['secretary', 'member', 'head', 'admin', 'auditor'],
  reports: ['team-lead', 'head', 'admin', 'auditor'],
  reportFreeze: ['team-lead', 'head'],
  audit: ['auditor', 'head', 'admin', 'team-lead'],
  admin: ['admin', 'head'],
  liftSuppression: ['admin'],
} as const satisfies Record<string, readonly Role[]>;
