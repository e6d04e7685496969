// The watched skills' queues as main publishes them: asked once, then every `queues` event. Null until
// the first answer (the strip says "loading"), and an error sentence if the ask itself failed.
import { useEffect, useState } from 'react';
import type { QueueState } from '../../../main/queues/model';
import { agentTray } from '../api';
import { errorMessage } from '../format';

export function useQueues(): { queues: QueueState | null; error: string | null } {
  const [queues, setQueues] = useState<QueueState | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const off = agentTray().onQueues((q) => {
      setQueues(q);
      setError(null);
    });
    agentTray()
      .getQueues()
      // An event that came first is newer than this answer.
      .then((q) => live && setQueues((prev) => prev ?? q))
      .catch((err: unknown) => live && setError(errorMessage(err)));
    return () => {
      live = false;
      off();
    };
  }, []);
  return { queues, error };
}
