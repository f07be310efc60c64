/** Who may read the audit trail (the audit API, the export): auditors, and the office lead. */
export const AUDIT_ROLES = ["auditor", "lead"] as const;
