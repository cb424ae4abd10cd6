import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.js';
import type { AuditVerify } from '../api/types.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { Loading } from '../app/Loading.js';

/** Whether the audit log's hash chain verifies end to end. */
export function AuditChainStatus() {
  const verify = useQuery({
    queryKey: ['audit-verify'],
    queryFn: () => api<AuditVerify>('/api/v1/audit/verify'),
  });
  if (verify.isPending) return <Loading what="Verifying the audit chain" />;
  if (verify.error !== null) return <ErrorNote error={verify.error} />;
  const v = verify.data;
  return v.ok ? (
    <p className="ok" role="status" data-testid="chain-status">
      ✔ Chain intact: {v.entries.toLocaleString()} entries verified.
    </p>
  ) : (
    <p className="error" role="alert" data-testid="chain-status">
      ✘ Chain broken at entry {v.brokenAt ?? '?'}: {v.reason ?? 'hash mismatch'}.
    </p>
  );
}
