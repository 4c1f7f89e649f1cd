-- 0003: webhook subscriptions and the delivery outbox (0002 belongs to the registry branch; versions need not be contiguous).
CREATE TABLE webhook_subscriptions (
    id TEXT NOT NULL PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations (id),
    url TEXT NOT NULL,
    events TEXT NOT NULL,
    secret_protected TEXT NOT NULL,
    is_active INTEGER NOT NULL,
    created_utc TEXT NOT NULL,
    secret_rotated_utc TEXT NULL,
    failing_since_utc TEXT NULL,
    disabled_utc TEXT NULL,
    disabled_reason TEXT NULL
);
CREATE INDEX ix_webhook_subscriptions_organization_id ON webhook_subscriptions (organization_id);

CREATE TABLE webhook_deliveries (
    id TEXT NOT NULL PRIMARY KEY,
    subscription_id TEXT NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    organization_id TEXT NOT NULL,
    event_name TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_utc TEXT NOT NULL,
    lease_owner TEXT NULL,
    lease_expires_utc TEXT NULL,
    last_attempt_utc TEXT NULL,
    last_response_code INTEGER NULL,
    last_error TEXT NULL,
    created_utc TEXT NOT NULL,
    completed_utc TEXT NULL
);
CREATE INDEX ix_webhook_deliveries_status_next_attempt_utc ON webhook_deliveries (status, next_attempt_utc);
CREATE INDEX ix_webhook_deliveries_subscription_id_created_utc ON webhook_deliveries (subscription_id, created_utc);
