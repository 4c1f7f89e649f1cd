using System.Security.Claims;
using Zkp.Api.Model;
using Zkp.Api.Security;

namespace Zkp.Api.Registry;

/// <summary>Who did something: a signed-in account, or an organisation's API key.</summary>
public sealed record Actor(Guid? AccountId, Guid? OrganizationId)
{
    public static readonly Actor System = new(null, null);

    public static Actor From(ClaimsPrincipal user) => new(user.AccountId(), user.AccountId() is null ? user.OrganizationId() : null);

    public AuditEvent Event(string action, DateTime nowUtc, Guid? issuerId = null, Guid? memberAccountId = null, string? fields = null) => new()
    {
        Id = Guid.NewGuid(),
        ActorAccountId = AccountId,
        ActorOrganizationId = OrganizationId,
        Action = action,
        IssuerId = issuerId,
        MemberAccountId = memberAccountId,
        Fields = fields,
        CreatedUtc = nowUtc,
    };
}
