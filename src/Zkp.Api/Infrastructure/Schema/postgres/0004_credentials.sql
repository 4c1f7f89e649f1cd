-- 0004: issued claim credentials and the asynchronous issuance queue.
CREATE TABLE credentials (
    id uuid PRIMARY KEY,
    member_account_id uuid NOT NULL REFERENCES accounts (id),
    issuer_id uuid NOT NULL REFERENCES issuers (id),
    claim_type varchar(32) NOT NULL,
    threshold bigint NOT NULL,
    upper_bound bigint NULL,
    status_list_id uuid NOT NULL REFERENCES status_lists (id),
    status_list_index integer NOT NULL,
    credential_json text NOT NULL,
    status varchar(16) NOT NULL,
    issued_utc timestamptz NOT NULL,
    valid_until_utc timestamptz NOT NULL,
    revoked_utc timestamptz NULL,
    revoked_by_account_id uuid NULL,
    revoked_by_organization_id uuid NULL
);
CREATE INDEX ix_credentials_member_account_id_issued_utc ON credentials (member_account_id, issued_utc);
CREATE INDEX ix_credentials_issuer_id ON credentials (issuer_id);
CREATE UNIQUE INDEX ix_credentials_status_list_id_status_list_index ON credentials (status_list_id, status_list_index);

CREATE TABLE issuance_jobs (
    id uuid PRIMARY KEY,
    member_account_id uuid NOT NULL REFERENCES accounts (id),
    request_json text NOT NULL,
    status varchar(16) NOT NULL,
    credential_id uuid NULL,
    failure_code varchar(64) NULL,
    failure_detail varchar(500) NULL,
    attempts integer NOT NULL,
    lease_owner uuid NULL,
    lease_expires_utc timestamptz NULL,
    created_utc timestamptz NOT NULL,
    started_utc timestamptz NULL,
    completed_utc timestamptz NULL
);
CREATE INDEX ix_issuance_jobs_status_created_utc ON issuance_jobs (status, created_utc);
CREATE INDEX ix_issuance_jobs_member_account_id ON issuance_jobs (member_account_id);
