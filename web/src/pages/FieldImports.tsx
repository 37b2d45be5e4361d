/**
 * 현장민원 가져오기: the 응답소 export (XLSX or CSV) uploaded the way case files are — the browser hashes
 * it (SHA-256), PUTs it to the presigned URL with upload progress, and asks the API to start the import,
 * which checks the hash and answers at once — then the job's status polled until it is done: counts
 * (읽음·신규·변경·동일·오류), the rows reported with their row numbers and reasons, and the recent imports.
 * A failed or stalled import can be started again from here (the same request; nothing is imported twice).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { newIdempotencyKey } from '../api/client.ts';
import { ApiError, unwrap } from '../api/errors.ts';
import type { FieldImportJob } from '../api/types.ts';
import { useApp } from '../auth/session.tsx';
import { FileDropZone } from '../components/FileDropZone.tsx';
import { ErrorState, Loading } from '../components/StateViews.tsx';
import { formatBytes } from '../lib/files.ts';
import { formatKoreanDateTime } from '../lib/format.ts';

const TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
};
const MAX_BYTES = 100 * 1024 * 1024;

const STATUS_LABELS: Record<FieldImportJob['status'], string> = {
  queued: '대기',
  running: '진행 중',
  done: '완료',
  failed: '실패',
};
const STATUS_BADGES: Record<FieldImportJob['status'], string> = {
  queued: 'bg-light-gray',
  running: 'bg-light-primary',
  done: 'bg-success',
  failed: 'bg-danger',
};
const COUNT_LABELS = [
  ['read', '읽음'],
  ['created', '신규'],
  ['updated', '변경'],
  ['unchanged', '동일'],
  ['failed', '오류'],
] as const;

type Phase =
  | { phase: 'idle' }
  | { phase: 'hashing' }
  | { phase: 'uploading'; percent: number }
  | { phase: 'starting' }
  | { phase: 'error'; message: string };

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A PUT with upload progress (fetch reports none). */
function putWithProgress(
  url: string,
  headers: Record<string, string>,
  body: ArrayBuffer,
  onProgress: (p: number) => void,
) {
  return new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300
        ? resolve()
        : reject(new Error(`파일 저장소가 업로드를 받지 않았습니다 (HTTP ${xhr.status}). 다시 올려 주세요.`));
    xhr.onerror = () => reject(new Error('파일 저장소에 연결하지 못했습니다. 다시 올려 주세요.'));
    xhr.send(body);
  });
}

function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.messageKo;
  if (error instanceof Error && error.message) return error.message;
  return '서버에 연결하지 못했습니다. 다시 시도해 주세요.';
}

function StatusBadge({ status }: { status: FieldImportJob['status'] }) {
  return <span className={`krds-badge ${STATUS_BADGES[status]}`}>{STATUS_LABELS[status]}</span>;
}

function JobStatus({ importId, onRestart }: { importId: string; onRestart: (importId: string) => void }) {
  const { api } = useApp();
  const job = useQuery({
    queryKey: ['field-import', importId],
    queryFn: async () =>
      unwrap(await api.GET('/field-complaints/imports/{importId}', { params: { path: { importId } } })),
    // Polled while the worker runs; the worker saves its counts every 1,000 rows.
    refetchInterval: (q) =>
      q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000,
  });
  if (job.isPending) return <Loading label="가져오기 상태를 불러오는 중입니다…" />;
  if (job.isError) return <ErrorState error={job.error} onRetry={() => void job.refetch()} />;
  const j = job.data;
  const running = j.status === 'queued' || j.status === 'running';
  return (
    <section aria-labelledby="job-title" className="case-section field-import-job" data-status={j.status}>
      <h2 id="job-title" className="sec-tit">
        가져오기 상태 <StatusBadge status={j.status} />
      </h2>
      <dl className="field-import-meta">
        <div>
          <dt>파일</dt>
          <dd>
            {j.fileName}
            {j.size !== undefined && ` [${formatBytes(j.size)}]`}
          </dd>
        </div>
        <div>
          <dt>시작</dt>
          <dd>{formatKoreanDateTime(j.startedAt)}</dd>
        </div>
        <div>
          <dt>끝</dt>
          <dd>{j.finishedAt ? formatKoreanDateTime(j.finishedAt) : '—'}</dd>
        </div>
        <div>
          <dt>가져온 사람</dt>
          <dd>{j.byName ?? '—'}</dd>
        </div>
        {j.attempt !== undefined && j.attempt > 1 && (
          <div>
            <dt>시도</dt>
            <dd>{j.attempt}번째</dd>
          </div>
        )}
      </dl>
      {running && (
        <p className="upload-phase" role="status">
          <span className="krds-spinner" aria-hidden="true" />
          {j.status === 'queued'
            ? '작업 대기 중입니다…'
            : `가져오는 중입니다… (${j.counts.read.toLocaleString('ko-KR')}행 읽음)`}
        </p>
      )}
      {j.messageKo && (
        <p className="form-hint-invalid" role="alert">
          {j.messageKo}
        </p>
      )}
      {j.restartable && (
        <button type="button" className="krds-btn medium secondary" onClick={() => onRestart(j.importId)}>
          다시 시작
        </button>
      )}
      <div className="krds-table-wrap">
        <table className="tbl col data field-import-counts">
          <caption>건수 — 응답소 번호로 같은 민원을 찾아, 바뀐 것만 반영합니다.</caption>
          <thead>
            <tr>
              {COUNT_LABELS.map(([key, label]) => (
                <th scope="col" key={key}>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              {COUNT_LABELS.map(([key, label]) => (
                <td key={key} data-count={key} aria-label={label}>
                  {j.counts[key].toLocaleString('ko-KR')}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      {j.errors.length > 0 && (
        <div className="krds-table-wrap">
          <table className="tbl col data field-import-errors">
            <caption>
              오류 행 {j.counts.failed.toLocaleString('ko-KR')}건
              {j.counts.failed > j.errors.length && ` (처음 ${j.errors.length}건 표시)`} — 이 행들은 가져오지
              않았습니다. 파일을 고쳐 다시 가져오면 나머지는 그대로이고 고친 행만 반영됩니다.
            </caption>
            <thead>
              <tr>
                <th scope="col">행 번호</th>
                <th scope="col">응답소 번호</th>
                <th scope="col">사유</th>
              </tr>
            </thead>
            <tbody>
              {j.errors.map((e) => (
                <tr key={`${e.row}-${e.reasonKo}`} data-row={e.row}>
                  <td>{e.row}</td>
                  <td>{e.number ?? '—'}</td>
                  <td>{e.reasonKo}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function useRecentImports() {
  const { api } = useApp();
  return useQuery({
    queryKey: ['field-imports'],
    queryFn: async () => unwrap(await api.GET('/field-complaints/imports', { params: { query: { limit: 20 } } })),
    refetchInterval: (q) => (q.state.error ? false : 5000),
    retry: (failures, error) => !(error instanceof ApiError && error.status === 403) && failures < 2,
  });
}

function RecentImports({ onOpen }: { onOpen: (importId: string) => void }) {
  const list = useRecentImports();
  return (
    <section aria-labelledby="recent-title" className="case-section">
      <h2 id="recent-title" className="sec-tit">
        최근 가져오기
      </h2>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <p className="empty-line">아직 가져온 파일이 없습니다.</p>
      ) : (
        <div className="krds-table-wrap">
          <table className="tbl col data field-import-recent">
            <caption>최근 가져오기 {list.data.items.length}건, 최신순 (한국 시간).</caption>
            <thead>
              <tr>
                <th scope="col">시작</th>
                <th scope="col">파일</th>
                <th scope="col">상태</th>
                {COUNT_LABELS.map(([key, label]) => (
                  <th scope="col" key={key}>
                    {label}
                  </th>
                ))}
                <th scope="col">가져온 사람</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((j) => (
                <tr key={j.importId} data-import-id={j.importId}>
                  <td>
                    <button type="button" className="krds-btn small text" onClick={() => onOpen(j.importId)}>
                      {formatKoreanDateTime(j.startedAt)}
                    </button>
                  </td>
                  <td>{j.fileName}</td>
                  <td>
                    <StatusBadge status={j.status} />
                  </td>
                  {COUNT_LABELS.map(([key]) => (
                    <td key={key}>{j.counts[key].toLocaleString('ko-KR')}</td>
                  ))}
                  <td>{j.byName ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export default function FieldImports() {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ phase: 'idle' });
  const [file, setFile] = useState<File | undefined>(undefined);
  const [importId, setImportId] = useState<string | undefined>(undefined);
  const recent = useRecentImports();

  const choose = (chosen: File | undefined) => {
    if (!chosen) return;
    const ext = chosen.name.slice(chosen.name.lastIndexOf('.') + 1).toLowerCase();
    if (!TYPES[ext]) {
      setPhase({ phase: 'error', message: '응답소 내보내기 파일(XLSX 또는 CSV)만 가져올 수 있습니다.' });
      return;
    }
    if (chosen.size > MAX_BYTES) {
      setPhase({ phase: 'error', message: '100MB 이하의 파일만 가져올 수 있습니다.' });
      return;
    }
    setFile(chosen);
    setPhase({ phase: 'idle' });
  };

  /** One key per start (a retry after a lost answer starts nothing twice). */
  async function start(id: string) {
    setPhase({ phase: 'starting' });
    const job = unwrap(
      await api.POST('/field-complaints/imports', {
        params: { header: { 'Idempotency-Key': newIdempotencyKey() } },
        body: { fileId: id },
      }),
    );
    setImportId(job.importId);
    queryClient.setQueryData(['field-import', job.importId], job);
    await queryClient.invalidateQueries({ queryKey: ['field-imports'] });
    setPhase({ phase: 'idle' });
  }

  async function upload() {
    if (!file) return;
    try {
      setPhase({ phase: 'hashing' });
      const bytes = await file.arrayBuffer();
      const sha256 = await sha256Hex(bytes);
      const ext = file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase();
      const started = unwrap(
        await api.POST('/field-complaints/imports/uploads', {
          body: { name: file.name, contentType: TYPES[ext]!, size: file.size, sha256 },
        }),
      );
      setPhase({ phase: 'uploading', percent: 0 });
      await putWithProgress(started.uploadUrl, started.headers, bytes, (percent) =>
        setPhase({ phase: 'uploading', percent }),
      );
      await start(started.fileId);
      setFile(undefined);
    } catch (error) {
      setPhase({ phase: 'error', message: messageOf(error) });
    }
  }

  const restart = (id: string) =>
    void start(id)
      .then(() => queryClient.invalidateQueries({ queryKey: ['field-import', id] }))
      .catch((error: unknown) => setPhase({ phase: 'error', message: messageOf(error) }));

  const busy = phase.phase === 'hashing' || phase.phase === 'uploading' || phase.phase === 'starting';

  const title = (
    <h1 id="field-import-title" className="h-tit">
      현장민원 가져오기
    </h1>
  );
  // Who may import is the team's (the API's policy): anyone else reads why, not a form that fails.
  if (recent.error instanceof ApiError && recent.error.status === 403)
    return (
      <section aria-labelledby="field-import-title">
        <div className="page-title-wrap">{title}</div>
        <p className="form-hint-invalid" role="alert">
          {recent.error.messageKo}
        </p>
      </section>
    );

  return (
    <section aria-labelledby="field-import-title">
      <div className="page-title-wrap">
        {title}
        <p className="page-sub">
          응답소 현장민원 내보내기 파일(XLSX·CSV)을 올려 가져옵니다. 같은 파일이나 기간이 겹치는 파일을 다시 가져와도
          응답소 번호로 같은 민원을 찾아 바뀐 것만 반영합니다. 시각은 한국 시간입니다.
        </p>
      </div>
      <section aria-labelledby="upload-title" className="case-section">
        <h2 id="upload-title" className="sec-tit">
          파일 올리기
        </h2>
        <div className="krds-file-upload line">
          <FileDropZone
            inputId="field-import-file"
            inputLabel="가져올 파일"
            accept=".xlsx,.csv"
            disabled={busy}
            onFiles={(files) => choose(files[0])}
          >
            가져올 파일을 여기에 끌어다 놓거나, 파일 선택 버튼을 눌러 선택해주세요.
            <br />
            응답소 내보내기 XLSX 또는 CSV(UTF-8·EUC-KR), 100MB 이하. 머리글: 응답소번호, 분야, 항목, 접수일시, 처리부서
            …
          </FileDropZone>
          {file && (
            <div className="file-list">
              <ul className="upload-list" aria-live="polite">
                <li>
                  <div className="file-info">
                    <div className="file-name">
                      {file.name} [{formatBytes(file.size)}]
                    </div>
                    <div className="btn-wrap">
                      {phase.phase === 'hashing' && (
                        <span className="upload-phase" role="status">
                          <span className="krds-spinner" aria-hidden="true" />
                          SHA-256 계산 중
                        </span>
                      )}
                      {phase.phase === 'uploading' && (
                        <span className="upload-phase" role="status">
                          <progress max={100} value={phase.percent} aria-label="올리는 중" /> 올리는 중 {phase.percent}%
                        </span>
                      )}
                      {phase.phase === 'starting' && (
                        <span className="upload-phase" role="status">
                          <span className="krds-spinner" aria-hidden="true" />
                          서버 대조 중
                        </span>
                      )}
                    </div>
                  </div>
                </li>
              </ul>
            </div>
          )}
        </div>
        {phase.phase === 'error' && (
          <p className="form-hint-invalid" role="alert">
            {phase.message}
          </p>
        )}
        <button
          type="button"
          className="krds-btn medium primary field-import-start"
          disabled={!file || busy}
          onClick={() => void upload()}
        >
          가져오기 시작
        </button>
      </section>
      {importId && <JobStatus importId={importId} onRestart={restart} />}
      <RecentImports onOpen={setImportId} />
    </section>
  );
}
