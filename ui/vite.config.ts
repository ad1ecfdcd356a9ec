import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The Tauri shell embeds ui/dist and, in dev, points its webview at this server.
export default defineConfig({
  plugins: [svelte()],
  // Svelte ships server and browser builds; tests render components, so they need the browser one.
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { outDir: 'dist', target: 'es2021', chunkSizeWarningLimit: 600 },
  test: {
    environment: 'jsdom',
    setupFiles: ['./test/setup.ts'],
    include: ['src/**/*.test.ts'],
    // Component tests render the whole panel; on a loaded 2-core machine the 5 s default
    // timed out healthy tests (seen while Rust builds ran beside them).
    testTimeout: 30_000,
  },
});
