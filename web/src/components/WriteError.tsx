/** What a refused write says: a conflict (409) offers a reload, anything else the API's Korean message. */
import { ApiError } from '../api/errors.ts';

export function WriteError({ error, onReload }: { error: unknown; onReload: () => void }) {
  if (!error) return null;
  if (error instanceof ApiError && error.status === 409)
    return (
      <div className="conflict" role="alert">
        <p className="state-title">다른 사람이 먼저 수정했습니다</p>
        <p>{error.body?.error.messageKo}</p>
        <button type="button" className="krds-btn secondary small" onClick={onReload}>
          새로 불러오기
        </button>
      </div>
    );
  return (
    <p className="form-hint-invalid" role="alert">
      {error instanceof ApiError
        ? error.messageKo
        : '서버에 연결하지 못했습니다. 같은 내용으로 다시 보내면 한 번만 처리됩니다.'}
    </p>
  );
}
