import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The browser app lives in client/ and is built to dist/client, which the server serves.
export default defineConfig({
  root: 'client',
  plugins: [react()],
  // The editor chunk (Tiptap, Yjs) is large but loads only on a plan's page.
  build: { outDir: '../dist/client', emptyOutDir: true, target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 600 },
  server: {
    // `npm run dev`: Vite serves the app and passes the API and live sync to a running `npm start` server.
    proxy: { '/api': 'http://127.0.0.1:3000', '/sync': { target: 'ws://127.0.0.1:3000', ws: true } },
  },
});
