/**
 * 첨부파일: the case's files, an upload in KRDS file-upload markup, and downloads. The bytes never pass
 * through the API: the browser hashes the file (SHA-256), PUTs it to the presigned URL the API hands out,
 * and asks the API to complete the upload — the server reads the object back and records it only if the
 * hash matches. A download is recorded in the case's history before its short-lived URL is given.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { newIdempotencyKey } from '../api/client.ts';
import { ApiError, unwrap } from '../api/errors.ts';
import type { CaseFileList } from '../api/types.ts';
import { useApp } from '../auth/session.tsx';
import { ACCEPT, contentTypeOf, formatBytes, MAX_FILE_BYTES } from '../lib/files.ts';
import { formatKoreanDateTime } from '../lib/format.ts';
import { FileDropZone } from './FileDropZone.tsx';
import { ErrorState, Loading } from './StateViews.tsx';

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

type UploadState =
  | { phase: 'hashing' | 'uploading' | 'checking' }
  | { phase: 'done' }
  | { phase: 'error'; message: string };

interface Upload {
  id: string;
  name: string;
  size: number;
  state: UploadState;
}

const PHASE_LABELS = {
  hashing: 'SHA-256 계산 중',
  uploading: '올리는 중',
  checking: '서버 대조 중',
  done: '올림',
} as const;

function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.messageKo;
  if (error instanceof Error && error.message) return error.message;
  return '서버에 연결하지 못했습니다. 다시 올려 주세요.';
}

export function CaseFiles({
  caseId,
  canUpload,
  onChanged,
}: {
  caseId: string;
  canUpload: boolean;
  onChanged: () => void;
}) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [downloadError, setDownloadError] = useState<string | undefined>(undefined);
  const files = useQuery({
    queryKey: ['case-files', caseId],
    queryFn: async () =>
      unwrap(await api.GET('/cases/{caseId}/files', { params: { path: { caseId }, query: {} } })) as CaseFileList,
  });

  const setState = (id: string, state: UploadState) =>
    setUploads((list) => list.map((u) => (u.id === id ? { ...u, state } : u)));

  async function upload(file: File) {
    const id = newIdempotencyKey();
    setUploads((list) => [...list, { id, name: file.name, size: file.size, state: { phase: 'hashing' } }]);
    if (file.size > MAX_FILE_BYTES) {
      setState(id, { phase: 'error', message: '50MB 이하의 파일만 올릴 수 있습니다.' });
      return;
    }
    try {
      const bytes = await file.arrayBuffer();
      const sha256 = await sha256Hex(bytes);
      const name = file.name;
      const started = unwrap(
        await api.POST('/cases/{caseId}/files', {
          params: { path: { caseId } },
          body: { name, contentType: contentTypeOf(file), size: file.size, sha256 },
        }),
      );
      setState(id, { phase: 'uploading' });
      const put = await fetch(started.uploadUrl, { method: started.method, headers: started.headers, body: bytes });
      if (!put.ok) throw new Error(`파일 저장소가 업로드를 받지 않았습니다 (HTTP ${put.status}). 다시 올려 주세요.`);
      setState(id, { phase: 'checking' });
      // This upload's key: a retry after a lost answer is recorded once.
      unwrap(
        await api.POST('/cases/{caseId}/files/{fileId}/complete', {
          params: { path: { caseId, fileId: started.fileId }, header: { 'Idempotency-Key': id } },
          body: { name },
        }),
      );
      setState(id, { phase: 'done' });
      await queryClient.invalidateQueries({ queryKey: ['case-files', caseId] });
      onChanged();
    } catch (error) {
      setState(id, { phase: 'error', message: messageOf(error) });
    }
  }

  async function download(fileId: string) {
    setDownloadError(undefined);
    try {
      const granted = unwrap(
        await api.POST('/cases/{caseId}/files/{fileId}/download', {
          params: { path: { caseId, fileId }, header: { 'Idempotency-Key': newIdempotencyKey() } },
        }),
      );
      // The store answers with Content-Disposition: attachment, so the page stays where it is.
      const link = document.createElement('a');
      link.href = granted.downloadUrl;
      link.rel = 'noopener';
      link.click();
      onChanged();
    } catch (error) {
      setDownloadError(messageOf(error));
    }
  }

  const inProgress = uploads.filter((u) => u.state.phase !== 'done');
  return (
    <section aria-labelledby="files-title" className="case-section case-files">
      <h2 id="files-title" className="sec-tit">
        첨부파일
      </h2>
      {files.isPending ? (
        <Loading label="첨부파일을 불러오는 중입니다…" />
      ) : files.isError ? (
        <ErrorState error={files.error} onRetry={() => void files.refetch()} />
      ) : files.data.files.length === 0 ? (
        <p className="empty-line">첨부파일이 없습니다.</p>
      ) : (
        <div className="krds-table-wrap">
          <table className="tbl col data file-table">
            <caption>
              첨부파일 {files.data.files.length}건 — 서버가 올린 뒤 다시 계산한 SHA-256과 함께.
              {files.data.sealed && ' 비공개 사건: 내려받으면 열람 기록이 남고, 주소는 1분만 유효합니다.'}
            </caption>
            <thead>
              <tr>
                <th scope="col">파일</th>
                <th scope="col">크기</th>
                <th scope="col">올린 일시</th>
                <th scope="col">SHA-256</th>
                <th scope="col">
                  <span className="sr-only">내려받기</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {files.data.files.map((f) => (
                <tr key={f.fileId} data-file-id={f.fileId}>
                  <td className="file-name">{f.name}</td>
                  <td>{formatBytes(f.size)}</td>
                  <td>{formatKoreanDateTime(f.uploadedAt)}</td>
                  <td>
                    <code className="sha256" title={f.sha256}>
                      {f.sha256.slice(0, 12)}…
                    </code>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="krds-btn small text"
                      onClick={() => void download(f.fileId)}
                      aria-label={`${f.name} 내려받기`}
                    >
                      내려받기 <i className="svg-icon ico-down" aria-hidden="true" />
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {downloadError && (
        <p className="form-hint-invalid" role="alert">
          {downloadError}
        </p>
      )}
      {canUpload && (
        <div className="krds-file-upload line">
          <FileDropZone
            inputId={`file-input-${caseId}`}
            inputLabel="첨부할 파일"
            accept={ACCEPT}
            multiple
            onFiles={(files) => {
              for (const file of files) void upload(file);
            }}
          >
            첨부할 파일을 여기에 끌어다 놓거나, 파일 선택 버튼을 눌러 파일을 직접 선택해주세요.
            <br />
            PDF·HWP·HWPX·JPG·PNG·HEIC·XLSX, 파일당 50MB 이하.
          </FileDropZone>
          {inProgress.length > 0 && (
            <div className="file-list">
              <ul className="upload-list" aria-live="polite">
                {inProgress.map((u) => (
                  <li key={u.id} className={u.state.phase === 'error' ? 'is-error' : undefined}>
                    <div className="file-info">
                      <div className="file-name">
                        {u.name} [{formatBytes(u.size)}]
                      </div>
                      <div className="btn-wrap">
                        {u.state.phase === 'error' ? (
                          <button
                            type="button"
                            className="krds-btn medium text"
                            onClick={() => setUploads((list) => list.filter((x) => x.id !== u.id))}
                          >
                            닫기
                          </button>
                        ) : (
                          <span className="upload-phase" role="status">
                            <span className="krds-spinner" aria-hidden="true" />
                            {PHASE_LABELS[u.state.phase]}
                          </span>
                        )}
                      </div>
                    </div>
                    {u.state.phase === 'error' && (
                      <p className="file-hint-invalid" role="alert">
                        {u.state.message}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
