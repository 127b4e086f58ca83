const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` again while it fails with an error Kafka marks retriable, for up to `withinMs`.
 * Right after a topic or the group offsets topic is created, brokers answer "not the coordinator"
 * or "does not host this topic-partition" for a few seconds: passing states, not failures.
 */
export async function whileRetriable<T>(work: () => Promise<T>, withinMs: number): Promise<T> {
  const deadline = performance.now() + withinMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const retriable = (error as { retriable?: unknown }).retriable === true;
      if (!retriable || performance.now() >= deadline) throw error;
      await sleep(Math.min(50 * 2 ** attempt, 1000));
    }
  }
}
