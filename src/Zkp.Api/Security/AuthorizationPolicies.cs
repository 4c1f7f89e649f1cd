using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Zkp.Api.Model;

namespace Zkp.Api.Security;

public static class AuthorizationPolicies
{
    /// <summary>A signed-in person (JWT), any role.</summary>
    public const string UserJwt = "user-jwt";

    /// <summary>A lender user's JWT (key management must not be possible with a key).</summary>
    public const string LenderJwt = "lender-jwt";

    /// <summary>A lender organisation, by API key or by a lender user's JWT.</summary>
    public const string Lender = "lender";

    public const string IssuerAdmin = "issuer-admin";
    public const string PlatformAdmin = "platform-admin";

    /// <summary>An issuer's core banking system or admin: an issuer API key or an issuer admin's JWT (not a platform admin).</summary>
    public const string IssuerCaller = "issuer-caller";

    /// <summary>Anyone authenticated: any JWT or any API key (trust registry reads).</summary>
    public const string AnyCaller = "any-caller";

    public static void Configure(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(UserJwt, p => p.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser());
        options.AddPolicy(LenderJwt, p => p.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireRole(Roles.Lender));
        options.AddPolicy(Lender, p => p.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme, ApiKeyAuthenticationHandler.SchemeName).RequireRole(Roles.Lender));
        options.AddPolicy(IssuerAdmin, p => p.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireRole(Roles.IssuerAdmin, Roles.PlatformAdmin));
        options.AddPolicy(IssuerCaller, p => p.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme, ApiKeyAuthenticationHandler.SchemeName).RequireRole(Roles.IssuerAdmin));
        options.AddPolicy(AnyCaller, p => p.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme, ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        options.AddPolicy(PlatformAdmin, p => p.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireRole(Roles.PlatformAdmin));
    }
}
