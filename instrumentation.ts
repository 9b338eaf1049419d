// Next's start-up hook: runs the campaign sender inside the server process (Node runtime only).
// Not during `next build`, and not when DISABLE_WORKER=1 (e.g. when `npm run worker` runs alone).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.DISABLE_WORKER === '1') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startServerSender } = await import('./lib/runtime/sender');
  startServerSender();
}
