-- 0001 (SQLite: uuid and timestamps as TEXT the way EF Core stores them, booleans as INTEGER): accounts, organisations, API keys, tokens, 2FA recovery codes, quota usage.
CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    verifier_type TEXT NOT NULL,
    plan TEXT NOT NULL,
    is_sandbox INTEGER NOT NULL,
    created_utc TEXT NOT NULL
);

CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    full_name TEXT NULL,
    role TEXT NOT NULL,
    organization_id TEXT NULL REFERENCES organizations (id),
    email_verified INTEGER NOT NULL,
    failed_login_count INTEGER NOT NULL,
    lockout_end_utc TEXT NULL,
    totp_secret_protected TEXT NULL,
    totp_enabled INTEGER NOT NULL,
    totp_last_used_step INTEGER NULL,
    two_factor_challenge_expires_utc TEXT NULL,
    created_utc TEXT NOT NULL
);
CREATE UNIQUE INDEX ix_accounts_email ON accounts (email);
CREATE INDEX ix_accounts_organization_id ON accounts (organization_id);

CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    key_hash BLOB NOT NULL,
    display_prefix TEXT NOT NULL,
    created_utc TEXT NOT NULL,
    expires_utc TEXT NULL
);
CREATE UNIQUE INDEX ix_api_keys_key_hash ON api_keys (key_hash);
CREATE INDEX ix_api_keys_organization_id ON api_keys (organization_id);

CREATE TABLE refresh_tokens (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    family_id TEXT NOT NULL,
    token_hash BLOB NOT NULL,
    created_utc TEXT NOT NULL,
    expires_utc TEXT NOT NULL,
    consumed_utc TEXT NULL,
    revoked_utc TEXT NULL
);
CREATE UNIQUE INDEX ix_refresh_tokens_token_hash ON refresh_tokens (token_hash);
CREATE INDEX ix_refresh_tokens_family_id ON refresh_tokens (family_id);
CREATE INDEX ix_refresh_tokens_account_id ON refresh_tokens (account_id);

CREATE TABLE email_verifications (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    code_hash BLOB NOT NULL,
    created_utc TEXT NOT NULL,
    expires_utc TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL,
    consumed_utc TEXT NULL
);
CREATE INDEX ix_email_verifications_code_hash ON email_verifications (code_hash);
CREATE INDEX ix_email_verifications_account_id ON email_verifications (account_id);

CREATE TABLE password_resets (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    token_hash BLOB NOT NULL,
    created_utc TEXT NOT NULL,
    expires_utc TEXT NOT NULL,
    consumed_utc TEXT NULL
);
CREATE UNIQUE INDEX ix_password_resets_token_hash ON password_resets (token_hash);
CREATE INDEX ix_password_resets_account_id ON password_resets (account_id);

CREATE TABLE recovery_codes (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id),
    code_hash BLOB NOT NULL,
    used_utc TEXT NULL
);
CREATE INDEX ix_recovery_codes_account_id ON recovery_codes (account_id);

CREATE TABLE quota_usage (
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    month_key TEXT NOT NULL,
    used INTEGER NOT NULL,
    PRIMARY KEY (organization_id, month_key)
);
