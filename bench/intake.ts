/**
 * Intake part of `npm run bench -- ransomware`: 10,000 reported e-mails (configurable) parsed, redacted
 * and stored in the intake inbox on SQLite, end to end through submitReports in batches of 500 (the
 * bulk path; the anonymous API writes one per request). Target >= 500 e-mails/s.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { emailContent } from '../src/public/intake/email-content.js';
import { setIntakeOrganisation } from '../src/public/intake/intake-organisation.js';
import { parseEmail } from '../src/public/intake/parse-email.js';
import { submitReports } from '../src/public/intake/submit-report.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';
import { addOrgUser, benchDir } from './bench-store.js';

function phish(i: number): string {
  return [
    `Received: from mail${String(i % 97)}.bad.example (mail.bad.example [203.0.113.${String(i % 250)}]) by mx.example.org`,
    `From: "Bank ${String(i % 13)}" <security@verify-${String(i % 50)}.example>`,
    `To: person${String(i)}@example.org`,
    `Subject: Account ${String(i)} locked`,
    `Message-ID: <${String(i)}@bad.example>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Dear person${String(i)}, confirm at https://verify-${String(i % 50)}.example/login?id=${String(i)} within 24 hours.`,
    '',
  ].join('\r\n');
}

const BATCH = 500;

export async function intakeBench(count: number): Promise<{ perSecond: number; count: number }> {
  const dir = benchDir();
  const store = await openSqliteStore(join(dir, 'intake.db'));
  try {
    const admin = await addOrgUser(store, 'Admin', 'admin@bench.example', 'admin');
    const intake = await addOrgUser(store, 'Intake', 'intake@bench.example', 'contributor');
    await setIntakeOrganisation(
      store,
      {
        kind: 'user',
        userId: admin.userId,
        email: '',
        orgId: admin.orgId,
        role: 'admin',
        groups: [],
        readOnly: false,
      },
      intake.orgId,
    );
    const started = performance.now();
    // Bulk intake (a reporting mailbox read in batches); one e-mail per call is measured by `perCall`.
    for (let i = 0; i < count; i += BATCH) {
      const batch = [];
      for (let j = i; j < Math.min(count, i + BATCH); j++)
        batch.push(emailContent(await parseEmail(phish(j)), {}));
      await submitReports(store, batch);
    }
    const seconds = (performance.now() - started) / 1000;
    return { perSecond: count / seconds, count };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
