import type { ApiErrorBody } from './types.ts';

/** A refused request, with the API's Korean message and the field it names. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | undefined,
  ) {
    super(body?.error.message ?? `HTTP ${status}`);
  }

  get messageKo(): string {
    if (this.status === 409) return '다른 사람이 먼저 수정했습니다';
    return this.body?.error.messageKo ?? `요청을 처리하지 못했습니다 (HTTP ${this.status})`;
  }

  /** Messages by field path (e.g. `reasons`, `grievance.complainant.name`) for errors shown beside fields. */
  get fieldMessages(): Record<string, string> {
    const error = this.body?.error;
    if (!error) return {};
    const byField: Record<string, string> = {};
    if (error.field) byField[error.field] = error.messageKo;
    for (const detail of error.details ?? [])
      if (detail.field && !byField[detail.field]) byField[detail.field] = detail.message;
    return byField;
  }
}

/** The value of an openapi-fetch call, or an ApiError carrying the API's error body. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiError(result.response.status, result.error as ApiErrorBody | undefined);
  }
  return result.data as T;
}
