namespace Zkp.Webhooks;

/// <summary>The header names Zkp sends with every delivery.</summary>
public static class WebhookHeaders
{
    /// <summary><c>sha256=</c> followed by the lower-case hex HMAC-SHA256 of the raw body (the integration guide's form).</summary>
    public const string ZkProvaSignature = "X-ZKProva-Signature";

    /// <summary>Standard Webhooks: the delivery id, identical on every retry of one event (use it for idempotency).</summary>
    public const string Id = "webhook-id";

    /// <summary>Standard Webhooks: Unix seconds when this attempt was signed.</summary>
    public const string Timestamp = "webhook-timestamp";

    /// <summary>Standard Webhooks: space-separated <c>v1,&lt;base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"&gt;</c> entries.</summary>
    public const string Signature = "webhook-signature";
}
