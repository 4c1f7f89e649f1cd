using Zkp.Api.Infrastructure;
using Zkp.Api.Security;
using Zkp.Credentials.Verification;

namespace Zkp.Api.Verification;

/// <summary>
/// The database-backed <see cref="IChallengeStore"/> of one verification of one QR token. Consuming is one
/// statement, an insert into <c>used_challenges</c> whose primary key (domain, challenge) every API process shares.
/// </summary>
/// <remarks>
/// A challenge is bound to the token it was first accepted for: verifying the same token again (a lender's retry,
/// or a second look before the token expires) is accepted and recorded, while the same presentation arriving
/// under any other token is a replay. The conflicting insert returns the stored token hash (a no-op update makes
/// <c>RETURNING</c> yield the existing row on PostgreSQL and SQLite alike), compared in constant time.
/// </remarks>
public sealed class DatabaseChallengeStore(ZkpDbContext db, byte[] tokenHash, DateTime nowUtc) : IChallengeStore
{
    public bool TryConsume(string domain, string challenge)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        ArgumentException.ThrowIfNullOrEmpty(challenge);
        return SecretHashing.HashesEqual(RawStatement.QueryColumn<byte[]>(db, InsertSql, Parameters(domain, challenge)).Single(), tokenHash);
    }

    public async ValueTask<bool> TryConsumeAsync(string domain, string challenge, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        ArgumentException.ThrowIfNullOrEmpty(challenge);
        var stored = (await RawStatement.QueryColumnAsync<byte[]>(db, InsertSql, Parameters(domain, challenge), cancellationToken)).Single();
        return SecretHashing.HashesEqual(stored, tokenHash);
    }

    private const string InsertSql = """
        INSERT INTO used_challenges (domain, challenge, token_hash, used_utc) VALUES (@p0, @p1, @p2, @p3)
        ON CONFLICT (domain, challenge) DO UPDATE SET domain = excluded.domain
        RETURNING token_hash
        """;

    private object[] Parameters(string domain, string challenge) => [domain, challenge, tokenHash, nowUtc];
}
