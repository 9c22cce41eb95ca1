import { vigilErrorWithCode } from '../errors/coded-error.ts';

/** Appending to the audit log lost the race for the next sequence number too many times in a row. */
export class AuditAppendConflictError extends vigilErrorWithCode('AUDIT_APPEND_CONFLICT') {}

/** The audit log cannot be appended to because its last record does not parse or is misplaced. */
export class AuditLogCorruptError extends vigilErrorWithCode('AUDIT_LOG_CORRUPT') {}
