/** Wiring for the search and export handlers, built once per process (like deps.ts for the others). */
import { runtimeConfig } from '../../shared/config/runtime-config.ts';
import { CaseRepository } from '../../shared/store/case-repository.ts';
import { CaseSearch } from '../../shared/store/case-search.ts';
import { documentClient } from '../../shared/store/dynamo-client.ts';
import { ExportLog } from '../../shared/store/export-log.ts';
import { caseExportUseCases, type CaseExportUseCases } from '../../shared/usecases/case-export.ts';
import { caseSearchUseCases, type CaseSearchUseCases } from '../../shared/usecases/case-search-usecases.ts';

export interface SearchHandlerDeps {
  baseUrl: string;
  search: CaseSearchUseCases;
  exports: CaseExportUseCases;
}

let deps: SearchHandlerDeps | undefined;

export function searchHandlerDeps(): SearchHandlerDeps {
  if (!deps) {
    const config = runtimeConfig();
    const doc = documentClient();
    const search = caseSearchUseCases({ search: new CaseSearch(doc, config.TABLE_NAME) });
    deps = {
      baseUrl: config.APP_BASE_URL,
      search,
      exports: caseExportUseCases({
        cases: new CaseRepository(doc, config.TABLE_NAME),
        search,
        exportLog: new ExportLog(doc, config.TABLE_NAME),
      }),
    };
  }
  return deps;
}
