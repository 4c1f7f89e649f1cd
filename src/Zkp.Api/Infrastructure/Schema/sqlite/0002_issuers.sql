-- 0002 (SQLite: uuid, dates and timestamps as TEXT the way EF Core stores them): issuers, audit events, member attributes, member DIDs, wallet challenges, status lists.
CREATE TABLE issuers (
    id TEXT PRIMARY KEY REFERENCES organizations (id),
    did TEXT NOT NULL,
    name TEXT NOT NULL,
    ncua_charter TEXT NOT NULL,
    status TEXT NOT NULL,
    public_key BLOB NOT NULL,
    signing_seed_protected TEXT NOT NULL,
    created_utc TEXT NOT NULL
);
CREATE UNIQUE INDEX ix_issuers_did ON issuers (did);
CREATE UNIQUE INDEX ix_issuers_ncua_charter ON issuers (ncua_charter);

CREATE TABLE audit_events (
    id TEXT PRIMARY KEY,
    actor_account_id TEXT NULL,
    actor_organization_id TEXT NULL,
    action TEXT NOT NULL,
    issuer_id TEXT NULL,
    member_account_id TEXT NULL,
    fields TEXT NULL,
    created_utc TEXT NOT NULL
);
CREATE INDEX ix_audit_events_issuer_id ON audit_events (issuer_id);
CREATE INDEX ix_audit_events_member_account_id ON audit_events (member_account_id);

CREATE TABLE member_attributes (
    member_account_id TEXT PRIMARY KEY REFERENCES accounts (id),
    issuer_id TEXT NOT NULL REFERENCES issuers (id),
    annual_income INTEGER NULL,
    credit_score INTEGER NULL,
    account_opened_on TEXT NULL,
    membership_status TEXT NULL,
    employment_status TEXT NULL,
    employment_months INTEGER NULL,
    dti_ratio_bps INTEGER NULL,
    created_utc TEXT NOT NULL,
    updated_utc TEXT NOT NULL
);
CREATE INDEX ix_member_attributes_issuer_id ON member_attributes (issuer_id);

CREATE TABLE member_keys (
    account_id TEXT PRIMARY KEY REFERENCES accounts (id),
    did TEXT NOT NULL,
    holder_key_custody TEXT NOT NULL,
    seed_protected TEXT NULL,
    created_utc TEXT NOT NULL,
    updated_utc TEXT NOT NULL
);
CREATE UNIQUE INDEX ix_member_keys_did ON member_keys (did);

CREATE TABLE wallet_challenges (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    challenge_hash BLOB NOT NULL,
    created_utc TEXT NOT NULL,
    expires_utc TEXT NOT NULL,
    consumed_utc TEXT NULL
);
CREATE UNIQUE INDEX ix_wallet_challenges_challenge_hash ON wallet_challenges (challenge_hash);
CREATE INDEX ix_wallet_challenges_account_id ON wallet_challenges (account_id);

CREATE TABLE status_lists (
    id TEXT PRIMARY KEY,
    issuer_id TEXT NOT NULL REFERENCES issuers (id),
    status_purpose TEXT NOT NULL,
    length INTEGER NOT NULL,
    bits BLOB NOT NULL,
    allocated_bits BLOB NOT NULL,
    allocated_count INTEGER NOT NULL,
    created_utc TEXT NOT NULL,
    updated_utc TEXT NOT NULL
);
CREATE INDEX ix_status_lists_issuer_id ON status_lists (issuer_id);
