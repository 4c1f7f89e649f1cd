using System.Security.Claims;

namespace Zkp.Api.Security;

public static class ClaimsPrincipalExtensions
{
    public static Guid? AccountId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal?.FindFirstValue("sub"), out var id) ? id : null;

    public static Guid? OrganizationId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal?.FindFirstValue(TokenService.OrganizationClaim), out var id) ? id : null;
}
