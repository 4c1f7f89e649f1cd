-- 0005: QR tokens (only their SHA-256 is stored), the lenders' verification records, and the challenges the
-- verifier accepted (the primary key makes "consume" one insert that every API process sees).
CREATE TABLE qr_tokens (
    id uuid PRIMARY KEY,
    token_hash bytea NULL,
    member_account_id uuid NOT NULL REFERENCES accounts (id),
    member_did varchar(128) NOT NULL,
    credential_ids text NOT NULL,
    presentation_json text NULL,
    unsigned_presentation_json text NULL,
    challenge varchar(64) NOT NULL,
    domain varchar(256) NOT NULL,
    audience_organization_id uuid NULL REFERENCES organizations (id),
    created_utc timestamptz NOT NULL,
    expires_utc timestamptz NOT NULL,
    revoked_utc timestamptz NULL
);
CREATE UNIQUE INDEX ix_qr_tokens_token_hash ON qr_tokens (token_hash);
CREATE INDEX ix_qr_tokens_member_account_id ON qr_tokens (member_account_id);

CREATE TABLE verifications (
    id uuid PRIMARY KEY,
    lender_organization_id uuid NOT NULL REFERENCES organizations (id),
    api_key_id uuid NULL,
    token_hash bytea NULL,
    member_did varchar(128) NULL,
    claims_verified text NOT NULL,
    all_verified boolean NOT NULL,
    failed_step varchar(32) NULL,
    failure_code varchar(64) NULL,
    steps text NOT NULL,
    issuer_info text NULL,
    verified_utc timestamptz NOT NULL
);
CREATE INDEX ix_verifications_lender_organization_id_verified_utc ON verifications (lender_organization_id, verified_utc);

CREATE TABLE used_challenges (
    domain varchar(256) NOT NULL,
    challenge varchar(64) NOT NULL,
    token_hash bytea NOT NULL,
    used_utc timestamptz NOT NULL,
    PRIMARY KEY (domain, challenge)
);
