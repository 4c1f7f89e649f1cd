-- 0002: issuers (trust registry), audit events, member attributes, member DIDs, wallet challenges, status lists.
CREATE TABLE issuers (
    id uuid PRIMARY KEY REFERENCES organizations (id),
    did varchar(128) NOT NULL,
    name varchar(200) NOT NULL,
    ncua_charter varchar(16) NOT NULL,
    status varchar(16) NOT NULL,
    public_key bytea NOT NULL,
    signing_seed_protected text NOT NULL,
    created_utc timestamptz NOT NULL
);
CREATE UNIQUE INDEX ix_issuers_did ON issuers (did);
CREATE UNIQUE INDEX ix_issuers_ncua_charter ON issuers (ncua_charter);

CREATE TABLE audit_events (
    id uuid PRIMARY KEY,
    actor_account_id uuid NULL,
    actor_organization_id uuid NULL,
    action varchar(64) NOT NULL,
    issuer_id uuid NULL,
    member_account_id uuid NULL,
    fields text NULL,
    created_utc timestamptz NOT NULL
);
CREATE INDEX ix_audit_events_issuer_id ON audit_events (issuer_id);
CREATE INDEX ix_audit_events_member_account_id ON audit_events (member_account_id);

CREATE TABLE member_attributes (
    member_account_id uuid PRIMARY KEY REFERENCES accounts (id),
    issuer_id uuid NOT NULL REFERENCES issuers (id),
    annual_income bigint NULL,
    credit_score integer NULL,
    account_opened_on date NULL,
    membership_status varchar(16) NULL,
    employment_status varchar(32) NULL,
    employment_months integer NULL,
    dti_ratio_bps integer NULL,
    created_utc timestamptz NOT NULL,
    updated_utc timestamptz NOT NULL
);
CREATE INDEX ix_member_attributes_issuer_id ON member_attributes (issuer_id);

CREATE TABLE member_keys (
    account_id uuid PRIMARY KEY REFERENCES accounts (id),
    did varchar(128) NOT NULL,
    holder_key_custody varchar(16) NOT NULL,
    seed_protected text NULL,
    created_utc timestamptz NOT NULL,
    updated_utc timestamptz NOT NULL
);
CREATE UNIQUE INDEX ix_member_keys_did ON member_keys (did);

CREATE TABLE wallet_challenges (
    id uuid PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id),
    challenge_hash bytea NOT NULL,
    created_utc timestamptz NOT NULL,
    expires_utc timestamptz NOT NULL,
    consumed_utc timestamptz NULL
);
CREATE UNIQUE INDEX ix_wallet_challenges_challenge_hash ON wallet_challenges (challenge_hash);
CREATE INDEX ix_wallet_challenges_account_id ON wallet_challenges (account_id);

CREATE TABLE status_lists (
    id uuid PRIMARY KEY,
    issuer_id uuid NOT NULL REFERENCES issuers (id),
    status_purpose varchar(16) NOT NULL,
    length integer NOT NULL,
    bits bytea NOT NULL,
    allocated_bits bytea NOT NULL,
    allocated_count integer NOT NULL,
    created_utc timestamptz NOT NULL,
    updated_utc timestamptz NOT NULL
);
CREATE INDEX ix_status_lists_issuer_id ON status_lists (issuer_id);
