namespace Zkp.Webhooks;

/// <summary>Why a delivery was accepted or refused. Receivers answer anything but <see cref="Valid"/> with 400/401 and drop the body.</summary>
public enum WebhookVerificationResult
{
    Valid,

    /// <summary>A header the chosen form needs is absent or empty.</summary>
    MissingHeader,

    /// <summary>A header is present but not in the documented syntax (e.g. no <c>sha256=</c> or <c>v1,</c> prefix, non-numeric timestamp).</summary>
    MalformedHeader,

    /// <summary>The <c>webhook-timestamp</c> is further from now than the tolerance: a replay or a badly skewed clock.</summary>
    TimestampOutOfTolerance,

    /// <summary>No signature matches the body under this secret.</summary>
    SignatureMismatch,
}
