// Fetching something the server changes under us (the discussion, the meetings): one request at a time, and a fetch
// asked for while one is under way runs once more after it, so the last answer shown is never stale.

export function oneFetchAtATime<T>(
  request: () => Promise<T>,
  answered: (answer: T) => void,
  failed: (err: unknown) => void,
  live: () => boolean,
): () => Promise<void> {
  let busy: Promise<void> | null = null;
  let again = false;
  const fetchNow = (): Promise<void> => {
    if (busy) {
      again = true;
      return busy;
    }
    busy = request()
      .then(
        (answer) => {
          if (live()) answered(answer);
        },
        (err: unknown) => {
          if (live()) failed(err);
        },
      )
      .finally(() => {
        busy = null;
        if (again && live()) {
          again = false;
          void fetchNow();
        }
      });
    return busy;
  };
  return fetchNow;
}
