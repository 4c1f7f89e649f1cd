namespace Zkp.Api.Model;

public static class Roles
{
    public const string Member = "member";
    public const string Lender = "lender";
    public const string IssuerAdmin = "issuer_admin";
    public const string PlatformAdmin = "platform_admin";
}
