import { useState } from 'react';
import { PortalError, submitReport } from '../public-api.js';
import type { ReportAccepted, ReportKind } from '../public-api.js';
import type { MessageKey } from '../i18n.js';

export type ReportFailure = { key: MessageKey; message?: string };

/** What went wrong, as a message key in the visitor's language (the server's own words for bad input). */
function failureOf(err: unknown): ReportFailure {
  if (err instanceof PortalError) {
    if (err.status === 503) return { key: 'rep_closed' };
    if (err.status === 429) return { key: 'rep_busy' };
    return { key: 'rep_failed', message: err.message };
  }
  return { key: 'rep_failed', message: (err as Error).message };
}

/** One report form's sending state: busy, the server's receipt, or the failure to show. */
export function useReport(kind: ReportKind) {
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<ReportAccepted | undefined>();
  const [failure, setFailure] = useState<ReportFailure | undefined>();
  async function send(body: Record<string, unknown>) {
    setBusy(true);
    setFailure(undefined);
    try {
      setDone(await submitReport(kind, body));
    } catch (err) {
      setFailure(failureOf(err));
    } finally {
      setBusy(false);
    }
  }
  return {
    busy,
    done,
    failure,
    fail: setFailure,
    send,
  };
}
