using System.Collections.Concurrent;

namespace Zkp.Credentials.Verification;

/// <summary>
/// Single-use verifier challenges: a challenge is accepted once per domain. The pipeline consumes a
/// challenge only after the holder's signature over it verified, so forged presentations cannot burn nonces.
/// </summary>
public interface IChallengeStore
{
    /// <summary>Marks the challenge used; false when it was used before (a replay).</summary>
    bool TryConsume(string domain, string challenge);

    /// <summary>
    /// As <see cref="TryConsume"/>, for <see cref="VerifierPipeline.VerifyAsync"/>: a store that does I/O
    /// overrides it so a request does not hold a thread while the nonce is written.
    /// </summary>
    ValueTask<bool> TryConsumeAsync(string domain, string challenge, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TryConsume(domain, challenge));
}

/// <summary>An in-process <see cref="IChallengeStore"/> for the library and the CLI; the API keeps its nonces in the database.</summary>
public sealed class InMemoryChallengeStore : IChallengeStore
{
    private readonly ConcurrentDictionary<(string Domain, string Challenge), byte> used = new();

    public bool TryConsume(string domain, string challenge)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        ArgumentException.ThrowIfNullOrEmpty(challenge);
        return used.TryAdd((domain, challenge), 0);
    }
}
