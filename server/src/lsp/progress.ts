/** Work done progress reported by the server (the compliance scan). */
/** What the server needs of `connection.window` to report progress. */
export interface ProgressWindow {
  createWorkDoneProgress(): Promise<{
    begin(title: string, percentage?: number, message?: string, cancellable?: boolean): void;
    report(percentage: number, message?: string): void;
    done(): void;
    token: { onCancellationRequested(listener: () => void): unknown };
  }>;
}

/** Work done progress created by the server, cancellable; silent when the client cannot show it. */
export function progressFactory(
  window: ProgressWindow,
  supported: () => boolean,
): (title: string) => Promise<Progress> {
  return async (title) => {
    if (!supported()) return { report: () => undefined, done: () => undefined, onCancel: () => undefined };
    const reporter = await window.createWorkDoneProgress();
    reporter.begin(title, 0, undefined, true);
    return {
      report: (percentage, message) => reporter.report(percentage, message),
      done: () => reporter.done(),
      onCancel: (listener) => void reporter.token.onCancellationRequested(listener),
    };
  };
}

export interface Progress {
  report(percentage: number, message: string): void;
  done(): void;
  /** Called when the user cancels the progress. */
  onCancel(listener: () => void): void;
}
