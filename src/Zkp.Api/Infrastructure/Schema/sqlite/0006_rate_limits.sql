-- 0006 (SQLite): fixed-window rate-limit counters (RateLimits:Store = database; keyed by an HMAC-SHA256, no user id
-- or client IP stored), and an index for finding the lenders that verified a token.
CREATE TABLE rate_limit_windows (
    key_hash BLOB NOT NULL,
    window_start INTEGER NOT NULL,
    window_seconds INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (key_hash, window_start)
);
CREATE INDEX ix_rate_limit_windows_window_start ON rate_limit_windows (window_start);

CREATE INDEX ix_verifications_token_hash ON verifications (token_hash);
