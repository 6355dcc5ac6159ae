import { ApiFailure } from './errors';

/**
 * How many large uploads (bundles, up to 500 MiB each) one server process reads at a time. A bundle's
 * body is read whole before its device signature can be checked (the signature covers the body's hash),
 * so without a limit a few enrolled devices uploading at once could hold gigabytes of memory. Others are
 * answered 503 `server-busy` with `retry-after`, before their body is read.
 */
export interface UploadGate {
  /** A slot, released by calling the returned function (once); throws server-busy when none is free. */
  enter(): () => void;
}

/** Seconds a refused uploader is told to wait: a bundle of a few hundred MiB takes about that long. */
export const uploadRetryAfterSeconds = 30;

export function createUploadGate(slots = 1): UploadGate {
  let busy = 0;
  return {
    enter() {
      if (busy >= slots) {
        throw new ApiFailure('server-busy', `the server is importing another bundle; try again in ${uploadRetryAfterSeconds} seconds`, undefined, {
          'retry-after': String(uploadRetryAfterSeconds),
        });
      }
      busy += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        busy -= 1;
      };
    },
  };
}
