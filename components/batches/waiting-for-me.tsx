// Placeholder until the cancellation-batches capability lands.
export async function WaitingForMe(_: { staffId: number }) {
  return null;
}
