/**
 * The console's build (`npm run web:build`, into web/dist) and dev server (`npm run web:dev`, hot
 * reload against the local API). The dev server answers /config.json the way the local console
 * server does, so the app finds the API the same way in both.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const apiPort = Number(process.env.LOCAL_API_PORT ?? 4000);

function localConfig(): Plugin {
  return {
    name: 'gamsa-local-config',
    configureServer(server) {
      server.middlewares.use('/config.json', (_req, res) => {
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(JSON.stringify({ apiUrl: `http://localhost:${apiPort}`, auth: { mode: 'local' } }));
      });
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), localConfig()],
  resolve: { alias: { krds: resolve(import.meta.dirname, '../node_modules/krds-uiux/resources') } },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 400 },
  server: { port: Number(process.env.LOCAL_CONSOLE_DEV_PORT ?? 5173), strictPort: true },
});
