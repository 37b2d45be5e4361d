/** 이력 내보내기: a case's history as CSV (up to a date for an as-of view); the API records the export. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, unwrap } from '../api/errors.ts';
import { useApp } from '../auth/session.tsx';
import { saveBlob } from '../lib/download.ts';

export function HistoryExport({ caseId, caseNumber, to }: { caseId: string; caseNumber: string; to?: string }) {
  const { api } = useApp();
  const queryClient = useQueryClient();
  const exportCsv = useMutation({
    mutationFn: async () => {
      const result = await api.GET('/cases/{caseId}/history/export', {
        params: { path: { caseId }, query: { format: 'csv', ...(to && { to }) } },
        parseAs: 'blob',
      });
      saveBlob(unwrap(result) as unknown as Blob, `사건이력_${caseNumber}${to ? `_${to}까지` : ''}.csv`);
    },
    // The export log now has this export.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['exports'] }),
  });
  return (
    <div className="history-export">
      <button
        type="button"
        className="krds-btn secondary small"
        onClick={() => exportCsv.mutate()}
        disabled={exportCsv.isPending}
      >
        {exportCsv.isPending ? '내보내는 중…' : '이력 내보내기 (CSV)'}
      </button>
      {exportCsv.isSuccess && (
        <p role="status" className="form-hint">
          이력을 CSV로 내보냈습니다. 내보내기는 사건 이력과 내보내기 기록에 남습니다.
        </p>
      )}
      {exportCsv.isError && (
        <p role="alert" className="form-hint-invalid">
          {exportCsv.error instanceof ApiError ? exportCsv.error.messageKo : '서버에 연결하지 못했습니다'}
        </p>
      )}
    </div>
  );
}
