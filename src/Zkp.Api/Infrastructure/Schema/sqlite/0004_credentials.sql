-- 0004 (SQLite: uuid and timestamps as TEXT the way EF Core stores them): issued claim credentials and the asynchronous issuance queue.
CREATE TABLE credentials (
    id TEXT NOT NULL PRIMARY KEY,
    member_account_id TEXT NOT NULL REFERENCES accounts (id),
    issuer_id TEXT NOT NULL REFERENCES issuers (id),
    claim_type TEXT NOT NULL,
    threshold INTEGER NOT NULL,
    upper_bound INTEGER NULL,
    status_list_id TEXT NOT NULL REFERENCES status_lists (id),
    status_list_index INTEGER NOT NULL,
    credential_json TEXT NOT NULL,
    status TEXT NOT NULL,
    issued_utc TEXT NOT NULL,
    valid_until_utc TEXT NOT NULL,
    revoked_utc TEXT NULL,
    revoked_by_account_id TEXT NULL,
    revoked_by_organization_id TEXT NULL
);
CREATE INDEX ix_credentials_member_account_id_issued_utc ON credentials (member_account_id, issued_utc);
CREATE INDEX ix_credentials_issuer_id ON credentials (issuer_id);
CREATE UNIQUE INDEX ix_credentials_status_list_id_status_list_index ON credentials (status_list_id, status_list_index);

CREATE TABLE issuance_jobs (
    id TEXT NOT NULL PRIMARY KEY,
    member_account_id TEXT NOT NULL REFERENCES accounts (id),
    request_json TEXT NOT NULL,
    status TEXT NOT NULL,
    credential_id TEXT NULL,
    failure_code TEXT NULL,
    failure_detail TEXT NULL,
    attempts INTEGER NOT NULL,
    lease_owner TEXT NULL,
    lease_expires_utc TEXT NULL,
    created_utc TEXT NOT NULL,
    started_utc TEXT NULL,
    completed_utc TEXT NULL
);
CREATE INDEX ix_issuance_jobs_status_created_utc ON issuance_jobs (status, created_utc);
CREATE INDEX ix_issuance_jobs_member_account_id ON issuance_jobs (member_account_id);
