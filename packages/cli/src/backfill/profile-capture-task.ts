/** What each profile-capture worker is started with: the configuration and where the home is. */
export interface ProfileCaptureWorkerData {
  configText: string;
  /** Where the configuration came from, for its error messages. */
  configSource: string;
  cwd: string;
  home?: string;
  /** Powertools log level of the handler in the worker (the CLI keeps its terminal quiet). */
  logLevel: string;
}

/** One invocation: an S3 "Object Created" event, numbered so the reply finds its caller. */
export interface ProfileCaptureTask {
  id: number;
  event: unknown;
}

/** The handler's summary, or why it threw. */
export type ProfileCaptureReply =
  | { id: number; summary: unknown }
  | { id: number; error: { name: string; message: string } };

/** profile-capture threw in a worker; the message is the handler's own. */
export class WorkerInvocationError extends Error {
  constructor(name: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = name;
  }
}
