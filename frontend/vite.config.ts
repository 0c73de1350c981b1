import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';

const api = process.env.XANTHUS_API ?? 'http://127.0.0.1:8080';
const relay = process.env.XANTHUS_RELAY ?? 'http://127.0.0.1:8081';

export default defineConfig({
  plugins: [tailwindcss(), sveltekit(), svelteTesting()],
  server: {
    proxy: {
      '/api': api,
      '/health': api,
      '/ws': { target: relay, ws: true }
    }
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'jsdom',
    restoreMocks: true,
    unstubGlobals: true
  }
});
