import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import 'krds-uiux/resources/css/component/output.css';
import './styles.css';
import { App } from './App.tsx';
import { AppProvider } from './auth/session.tsx';
import { loadConfig } from './config.ts';
import { ApiError } from './api/errors.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A refusal (403, 404, validation) will not change on retry; a network hiccup may.
      retry: (failures, error) => !(error instanceof ApiError) && failures < 2,
    },
  },
});

const root = createRoot(document.getElementById('root')!);
try {
  const config = await loadConfig();
  root.render(
    <StrictMode>
      <AppProvider config={config}>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </QueryClientProvider>
      </AppProvider>
    </StrictMode>,
  );
} catch (error) {
  root.render(
    <main className="state-view" role="alert">
      <h1>콘솔 설정을 불러오지 못했습니다</h1>
      <p>{String(error)}</p>
    </main>,
  );
}
