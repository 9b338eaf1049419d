// Next's start-up hook (Node runtime only, not during `next build`): the configuration is checked
// first (a bad value stops the start with a message naming it), then the process's connection
// opens with the checkpoint keeper beside it, the daily cycle's scheduler starts unless
// DISABLE_CYCLE=1, and the campaign sender runs inside the server process unless DISABLE_WORKER=1
// (e.g. when `npm run worker` runs alone).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { configOrExit } = await import('./lib/runtime/config-check');
  configOrExit();
  const { keepCheckpointing } = await import('./lib/runtime/keeper');
  keepCheckpointing();
  if (process.env.BOUNCE_SMTP_PORT) {
    const { startServerBounceListener } = await import('./lib/runtime/bounce-listener-start');
    startServerBounceListener();
  }
  if (process.env.DISABLE_CYCLE !== '1') {
    const { startServerCycle } = await import('./lib/runtime/cycle-start');
    startServerCycle();
  }
  if (process.env.DISABLE_WORKER === '1') return;
  const { startServerSender } = await import('./lib/runtime/sender');
  startServerSender();
}
