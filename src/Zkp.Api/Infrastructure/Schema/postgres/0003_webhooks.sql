-- 0003: webhook subscriptions and the delivery outbox (0002 belongs to the registry branch; versions need not be contiguous).
CREATE TABLE webhook_subscriptions (
    id uuid PRIMARY KEY,
    organization_id uuid NOT NULL REFERENCES organizations (id),
    url varchar(2048) NOT NULL,
    events varchar(256) NOT NULL,
    secret_protected text NOT NULL,
    is_active boolean NOT NULL,
    created_utc timestamptz NOT NULL,
    secret_rotated_utc timestamptz NULL,
    failing_since_utc timestamptz NULL,
    disabled_utc timestamptz NULL,
    disabled_reason varchar(500) NULL
);
CREATE INDEX ix_webhook_subscriptions_organization_id ON webhook_subscriptions (organization_id);

CREATE TABLE webhook_deliveries (
    id uuid PRIMARY KEY,
    subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
    organization_id uuid NOT NULL,
    event_name varchar(64) NOT NULL,
    payload text NOT NULL,
    status varchar(16) NOT NULL,
    attempts integer NOT NULL,
    next_attempt_utc timestamptz NOT NULL,
    lease_owner uuid NULL,
    lease_expires_utc timestamptz NULL,
    last_attempt_utc timestamptz NULL,
    last_response_code integer NULL,
    last_error varchar(500) NULL,
    created_utc timestamptz NOT NULL,
    completed_utc timestamptz NULL
);
CREATE INDEX ix_webhook_deliveries_status_next_attempt_utc ON webhook_deliveries (status, next_attempt_utc);
CREATE INDEX ix_webhook_deliveries_subscription_id_created_utc ON webhook_deliveries (subscription_id, created_utc);
