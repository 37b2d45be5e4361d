/** Search and export over the table's search index. */
import { CaseRepository } from '#shared/store/case-repository.ts';
import { CaseSearch } from '#shared/store/case-search.ts';
import { ExportLog } from '#shared/store/export-log.ts';
import { caseExportUseCases } from '#shared/usecases/case-export.ts';
import { caseSearchUseCases } from '#shared/usecases/case-search-usecases.ts';
import { doc, tableName } from './table.ts';

export function composeSearchUseCases() {
  return caseSearchUseCases({ search: new CaseSearch(doc, tableName()) });
}

export function composeExportUseCases() {
  const table = tableName();
  return caseExportUseCases({
    cases: new CaseRepository(doc, table),
    search: composeSearchUseCases(),
    exportLog: new ExportLog(doc, table),
  });
}
