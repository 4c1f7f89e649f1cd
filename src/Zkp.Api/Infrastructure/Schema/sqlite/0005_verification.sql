-- 0005 (SQLite: uuid and timestamps as TEXT the way EF Core stores them): QR tokens, verification records, used challenges.
CREATE TABLE qr_tokens (
    id TEXT PRIMARY KEY,
    token_hash BLOB NULL,
    member_account_id TEXT NOT NULL REFERENCES accounts (id),
    member_did TEXT NOT NULL,
    credential_ids TEXT NOT NULL,
    presentation_json TEXT NULL,
    unsigned_presentation_json TEXT NULL,
    challenge TEXT NOT NULL,
    domain TEXT NOT NULL,
    audience_organization_id TEXT NULL REFERENCES organizations (id),
    created_utc TEXT NOT NULL,
    expires_utc TEXT NOT NULL,
    revoked_utc TEXT NULL
);
CREATE UNIQUE INDEX ix_qr_tokens_token_hash ON qr_tokens (token_hash);
CREATE INDEX ix_qr_tokens_member_account_id ON qr_tokens (member_account_id);

CREATE TABLE verifications (
    id TEXT PRIMARY KEY,
    lender_organization_id TEXT NOT NULL REFERENCES organizations (id),
    api_key_id TEXT NULL,
    token_hash BLOB NULL,
    member_did TEXT NULL,
    claims_verified TEXT NOT NULL,
    all_verified INTEGER NOT NULL,
    failed_step TEXT NULL,
    failure_code TEXT NULL,
    steps TEXT NOT NULL,
    issuer_info TEXT NULL,
    verified_utc TEXT NOT NULL
);
CREATE INDEX ix_verifications_lender_organization_id_verified_utc ON verifications (lender_organization_id, verified_utc);

CREATE TABLE used_challenges (
    domain TEXT NOT NULL,
    challenge TEXT NOT NULL,
    token_hash BLOB NOT NULL,
    used_utc TEXT NOT NULL,
    PRIMARY KEY (domain, challenge)
);
