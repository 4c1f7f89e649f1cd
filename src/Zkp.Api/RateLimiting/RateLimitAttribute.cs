namespace Zkp.Api.RateLimiting;

/// <summary>Endpoint metadata naming the <see cref="Options.RateLimitPolicies"/> policy that applies.</summary>
public sealed record RateLimitPolicyMetadata(string Policy);

public static class RateLimitConventions
{
    public static TBuilder WithRateLimit<TBuilder>(this TBuilder builder, string policy)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RateLimitPolicyMetadata(policy));
}
