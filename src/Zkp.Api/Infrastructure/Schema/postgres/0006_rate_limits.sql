-- 0006: fixed-window rate-limit counters shared by all API nodes (RateLimits:Store = database). The key is an
-- HMAC-SHA256 of policy, route and caller under a key derived from the JWT signing key, so no user id or client IP
-- is stored or recoverable. Also an index for finding the lenders that verified a token (credential.revoked goes
-- to them).
CREATE TABLE rate_limit_windows (
    key_hash bytea NOT NULL,
    window_start bigint NOT NULL,
    window_seconds integer NOT NULL,
    count integer NOT NULL,
    PRIMARY KEY (key_hash, window_start)
);
CREATE INDEX ix_rate_limit_windows_window_start ON rate_limit_windows (window_start);

CREATE INDEX ix_verifications_token_hash ON verifications (token_hash);
