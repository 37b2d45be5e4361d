/** Loading, empty, refused and failed states: each says what happened and what to do next. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/errors.ts';

export function Loading({ label = '불러오는 중입니다…' }: { label?: string }) {
  return (
    <div className="state-view" role="status" aria-live="polite">
      <span className="krds-spinner" aria-hidden="true" />
      <p>{label}</p>
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state-view empty">
      <p className="state-title">{title}</p>
      {children}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const message =
    error instanceof ApiError
      ? error.status === 403
        ? '이 화면을 볼 권한이 없습니다.'
        : error.messageKo
      : '서버에 연결할 수 없습니다. 잠시 후 다시 시도하세요.';
  return (
    <div className="state-view error" role="alert">
      <p className="state-title">{message}</p>
      {onRetry && (
        <button type="button" className="krds-btn secondary small" onClick={onRetry}>
          다시 시도
        </button>
      )}
    </div>
  );
}

export function Forbidden() {
  return (
    <section className="state-view error" aria-labelledby="forbidden-title">
      <h1 id="forbidden-title" className="state-title">
        권한이 없습니다
      </h1>
      <p>이 화면은 맡은 역할로 열 수 없습니다. 필요하면 관리자에게 문의하세요.</p>
      <Link to="/" className="krds-btn secondary small">
        내 업무로 돌아가기
      </Link>
    </section>
  );
}

export function NotFound() {
  return (
    <section className="state-view" aria-labelledby="notfound-title">
      <h1 id="notfound-title" className="state-title">
        페이지를 찾을 수 없습니다
      </h1>
      <Link to="/" className="krds-btn secondary small">
        내 업무로 돌아가기
      </Link>
    </section>
  );
}
