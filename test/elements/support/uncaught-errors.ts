/** Errors thrown anywhere on the page while `run` runs, and until the tasks it started have run. */
export async function uncaughtDuring(run: () => Promise<void> | void): Promise<string[]> {
  const errors: string[] = [];
  const onError = (error: ErrorEvent) => errors.push(String(error.message));
  const onRejection = (rejection: PromiseRejectionEvent) => errors.push(String(rejection.reason));
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  try {
    await run();
    await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  }
  return errors;
}
