import type { AuditEntry, AuditLog, AuditRecord, EndpointController, EndpointDescription } from '@vigil/core';

/** An EndpointController over plain maps that records every call, for tests. */
export class FakeController implements EndpointController {
  readonly calls: string[] = [];
  failRejects = 0;

  constructor(
    readonly endpoints: Map<string, EndpointDescription>,
    /** config name → model package ARNs; a config missing here does not exist. */
    readonly configs: Map<string, string[]>,
  ) {}

  async describe(name: string): Promise<EndpointDescription> {
    this.calls.push(`describe ${name}`);
    const endpoint = this.endpoints.get(name);
    if (!endpoint) throw new Error(`no endpoint ${name}`);
    return { ...endpoint };
  }

  async configExists(configName: string): Promise<boolean> {
    this.calls.push(`configExists ${configName}`);
    return this.configs.has(configName);
  }

  async modelPackagesOf(configName: string): Promise<string[]> {
    return this.configs.get(configName) ?? [];
  }

  async switchConfig(name: string, configName: string): Promise<void> {
    this.calls.push(`switch ${name} ${configName}`);
    const endpoint = this.endpoints.get(name);
    if (endpoint) this.endpoints.set(name, { ...endpoint, configName, status: 'Updating' });
  }

  async rejectModelPackage(arn: string, reason: string): Promise<void> {
    if (this.failRejects > 0) {
      this.failRejects--;
      throw new Error('ThrottlingException');
    }
    this.calls.push(`reject ${arn} ${reason.length <= 1024}`);
  }
}

/** An AuditLog that keeps entries in memory. */
export class MemoryAudit implements AuditLog {
  readonly entries: AuditEntry[] = [];

  async append(entry: AuditEntry): Promise<AuditRecord> {
    this.entries.push(entry);
    return { ...entry, sequence: this.entries.length, at: '', previousHash: '', hash: '' };
  }
}
