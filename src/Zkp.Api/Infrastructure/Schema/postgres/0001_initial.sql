-- 0001: accounts, organisations, API keys, tokens, 2FA recovery codes, quota usage.
CREATE TABLE organizations (
    id uuid PRIMARY KEY,
    name varchar(200) NOT NULL,
    verifier_type varchar(32) NOT NULL,
    plan varchar(32) NOT NULL,
    is_sandbox boolean NOT NULL,
    created_utc timestamptz NOT NULL
);

CREATE TABLE accounts (
    id uuid PRIMARY KEY,
    email varchar(320) NOT NULL,
    password_hash text NOT NULL,
    full_name varchar(200) NULL,
    role varchar(32) NOT NULL,
    organization_id uuid NULL REFERENCES organizations (id),
    email_verified boolean NOT NULL,
    failed_login_count integer NOT NULL,
    lockout_end_utc timestamptz NULL,
    totp_secret_protected text NULL,
    totp_enabled boolean NOT NULL,
    totp_last_used_step bigint NULL,
    two_factor_challenge_expires_utc timestamptz NULL,
    created_utc timestamptz NOT NULL
);
CREATE UNIQUE INDEX ix_accounts_email ON accounts (email);
CREATE INDEX ix_accounts_organization_id ON accounts (organization_id);

CREATE TABLE api_keys (
    id uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id),
    key_hash bytea NOT NULL,
    display_prefix varchar(32) NOT NULL,
    created_utc timestamptz NOT NULL,
    expires_utc timestamptz NULL
);
CREATE UNIQUE INDEX ix_api_keys_key_hash ON api_keys (key_hash);
CREATE INDEX ix_api_keys_organization_id ON api_keys (organization_id);

CREATE TABLE refresh_tokens (
    id uuid PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id),
    family_id uuid NOT NULL,
    token_hash bytea NOT NULL,
    created_utc timestamptz NOT NULL,
    expires_utc timestamptz NOT NULL,
    consumed_utc timestamptz NULL,
    revoked_utc timestamptz NULL
);
CREATE UNIQUE INDEX ix_refresh_tokens_token_hash ON refresh_tokens (token_hash);
CREATE INDEX ix_refresh_tokens_family_id ON refresh_tokens (family_id);
CREATE INDEX ix_refresh_tokens_account_id ON refresh_tokens (account_id);

CREATE TABLE email_verifications (
    id uuid PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id),
    code_hash bytea NOT NULL,
    created_utc timestamptz NOT NULL,
    expires_utc timestamptz NOT NULL,
    failed_attempts integer NOT NULL,
    consumed_utc timestamptz NULL
);
CREATE INDEX ix_email_verifications_code_hash ON email_verifications (code_hash);
CREATE INDEX ix_email_verifications_account_id ON email_verifications (account_id);

CREATE TABLE password_resets (
    id uuid PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id),
    token_hash bytea NOT NULL,
    created_utc timestamptz NOT NULL,
    expires_utc timestamptz NOT NULL,
    consumed_utc timestamptz NULL
);
CREATE UNIQUE INDEX ix_password_resets_token_hash ON password_resets (token_hash);
CREATE INDEX ix_password_resets_account_id ON password_resets (account_id);

CREATE TABLE recovery_codes (
    id uuid PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id),
    code_hash bytea NOT NULL,
    used_utc timestamptz NULL
);
CREATE INDEX ix_recovery_codes_account_id ON recovery_codes (account_id);

CREATE TABLE quota_usage (
    organization_id uuid NOT NULL REFERENCES organizations (id),
    month_key varchar(7) NOT NULL,
    used integer NOT NULL,
    PRIMARY KEY (organization_id, month_key)
);
