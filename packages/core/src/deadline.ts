import { Code } from "./code.js";
import { Layer8Error } from "./layer8-error.js";

/**
 * Resolves as `work` does, or throws `DEADLINE_EXCEEDED` naming `what` after `ms`.
 * The timer never keeps the process alive.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new Layer8Error(Code.DeadlineExceeded, `${what} did not finish within ${ms} ms`)),
      ms,
    );
    timer.unref();
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
