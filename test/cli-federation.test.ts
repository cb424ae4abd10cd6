import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cliWorkspace, runCli } from './cli-harness.js';

// Each run starts Node and tsx afresh: seconds apiece on a busy machine, hence the long timeout.
describe('accord federation', { timeout: 600_000 }, () => {
  it('adds, lists, shows the status of and removes a peer; the secret never comes from argv', async () => {
    const { env } = await cliWorkspace();
    const id = runCli(['federation', 'id'], env);
    expect(id.status).toBe(0);
    expect(id.stdout.trim()).toMatch(/^accord-instance--[0-9a-f-]{36}$/);

    const instance = `accord-instance--${randomUUID()}`;
    const add = [
      'federation',
      'peer',
      'add',
      'partner',
      '--url',
      'http://127.0.0.1:9',
      '--instance',
      instance,
    ];
    const noSecret = runCli(add, env);
    expect(noSecret.status).toBe(2);
    expect(noSecret.stderr).toMatch(/ACCORD_PEER_SECRET/);
    const badTlp = runCli([...add, '--max-tlp', 'purple'], { ...env, ACCORD_PEER_SECRET: 'short' });
    expect(badTlp.status).toBe(2);
    expect(badTlp.stderr).toMatch(/the shared secret: .*--max_tlp/);

    const secret = randomBytes(24).toString('hex');
    const added = runCli([...add, '--max-tlp', 'amber', '--groups', 'op-1', '--json'], {
      ...env,
      ACCORD_PEER_SECRET: secret,
    });
    expect(added.status, added.stderr).toBe(0);
    expect(added.stdout).not.toContain(secret);
    expect(JSON.parse(added.stdout)).toMatchObject({
      name: 'partner',
      rule: { max_tlp: 'amber', groups: ['op-1'] },
    });

    const list = runCli(['federation', 'peer', 'list'], env);
    expect(list.stdout).toMatch(/^partner {2}http:\/\/127\.0\.0\.1:9 .*both {2}TLP ≤ amber {2}groups: op-1/);

    const status = runCli(['federation', 'status', 'partner'], env);
    expect(status.status).toBe(0);
    expect(status.stdout).toContain('sent:     up to seq 0, lag 0');
    expect(status.stdout).toContain('received: up to seq 0, lag 0');
    expect(status.stdout).toContain('errors:   none');

    expect(runCli(['federation', 'peer', 'remove', 'partner'], env).stdout).toContain('removed partner');
    expect(runCli(['federation', 'peer', 'list'], env).stdout.trim()).toBe('no peers');
  });
});
