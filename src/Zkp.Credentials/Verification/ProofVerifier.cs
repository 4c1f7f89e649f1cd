using Zkp.Bn254;
using Zkp.Zk.Groth16;

namespace Zkp.Credentials.Verification;

/// <summary>
/// The pairing check of ZKP_VERIFY. Its answer for a proof must be <see cref="Groth16Verifier"/>'s answer; only when
/// and with what else it is computed may differ.
/// </summary>
public interface IProofVerifier
{
    /// <summary>
    /// True when the proof is valid for the signals under the key, which the caller has already checked is bound to
    /// <paramref name="circuitId"/> and takes this many signals (<see cref="Groth16Verifier"/> throws otherwise).
    /// </summary>
    ValueTask<bool> VerifyAsync(VerifyingKey key, string circuitId, Fr[] publicSignals, Proof proof, CancellationToken cancellationToken);
}

/// <summary>
/// Group commit for Groth16 checks across concurrent verifications (no timer): a check that arrives while fewer
/// than <c>lanes</c> batches run starts a batch at once (alone, it is the plain check); checks that arrive while
/// every lane is busy wait and go together into the next batch, one multi-pairing per verifying key
/// (<see cref="Groth16BatchVerifier"/>). Under no load nothing waits; under load the batches grow with the
/// queue, and each proof costs about one Miller loop instead of a whole verification.
/// </summary>
/// <remarks>
/// Proofs of different keys, or of one key under different circuit ids, are never combined. A failed combined check
/// falls back to checking each proof alone, so one bad proof never changes another request's answer. A batch runs
/// on the thread of the request that started it; when it ends and checks are waiting, the next batch is handed to
/// the thread pool so that request can answer. Waiting requests hold no thread.
/// </remarks>
public sealed class BatchingProofVerifier : IProofVerifier
{
    private readonly object gate = new();
    private readonly List<Pending> queue = [];
    private readonly int lanes;
    private readonly int maxBatch;
    private int running;

    /// <param name="lanes">Batches that may run at once; at least 1.</param>
    /// <param name="maxBatch">Most proofs in one batch (bounds the wait of the first in line); at least 1.</param>
    public BatchingProofVerifier(int lanes, int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        this.lanes = lanes;
        this.maxBatch = maxBatch;
    }

    private long batches;
    private long proofs;
    private long fallbacks;

    /// <summary>Batches run so far, proofs checked in them, and batches whose combined check failed (diagnostics, tests).</summary>
    public (long Batches, long Proofs, long Fallbacks) Statistics =>
        (Interlocked.Read(ref batches), Interlocked.Read(ref proofs), Interlocked.Read(ref fallbacks));

    public ValueTask<bool> VerifyAsync(VerifyingKey key, string circuitId, Fr[] publicSignals, Proof proof, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(circuitId);
        ArgumentNullException.ThrowIfNull(publicSignals);
        ArgumentNullException.ThrowIfNull(proof);
        var pending = new Pending(key, circuitId, new Groth16BatchItem(publicSignals, proof));
        lock (gate)
        {
            queue.Add(pending);
            if (running >= lanes)
            {
                return new ValueTask<bool>(pending.Completion.Task.WaitAsync(cancellationToken));
            }

            running++;
        }

        // The check itself is not cancelled: other requests' answers may depend on this batch.
        RunBatches(handOff: true);
        return new ValueTask<bool>(pending.Completion.Task);
    }

    private void RunBatches(bool handOff)
    {
        while (Take() is { } batch)
        {
            Run(batch);
            if (handOff)
            {
                lock (gate)
                {
                    if (queue.Count == 0)
                    {
                        running--;
                        return;
                    }
                }

                // This lane stays taken; a pool thread carries on with what queued meanwhile, and this request answers.
                ThreadPool.UnsafeQueueUserWorkItem(static self => self.RunBatches(handOff: false), this, preferLocal: false);
                return;
            }
        }
    }

    // The next batch, or null (and the lane released) when nothing waits.
    private List<Pending>? Take()
    {
        lock (gate)
        {
            if (queue.Count == 0)
            {
                running--;
                return null;
            }

            var take = Math.Min(queue.Count, maxBatch);
            var batch = queue.GetRange(0, take);
            queue.RemoveRange(0, take);
            batches++;
            proofs += take;
            return batch;
        }
    }

    private void Run(List<Pending> batch)
    {
        try
        {
            RunGroups(batch);
        }
        catch (Exception e)
        {
            // Whatever went wrong, every waiting request gets an answer (this error) and the lane goes on.
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(e);
            }
        }
    }

    private void RunGroups(List<Pending> batch)
    {
        foreach (var group in batch.GroupBy(p => (p.Key, p.CircuitId), KeyComparer.Instance))
        {
            var members = group.ToList();
            try
            {
                var answers = Groth16BatchVerifier.Verify(group.Key.Key, group.Key.CircuitId, members.ConvertAll(m => m.Item));
                if (members.Count > 1 && Array.IndexOf(answers, false) >= 0)
                {
                    Interlocked.Increment(ref fallbacks);
                }

                for (var i = 0; i < members.Count; i++)
                {
                    members[i].Completion.TrySetResult(answers[i]);
                }
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // A malformed member must not take the others down: check each alone, as the plain path would.
                foreach (var member in members)
                {
                    try
                    {
                        member.Completion.TrySetResult(Groth16Verifier.Verify(member.Key, member.CircuitId, member.Item.PublicSignals, member.Item.Proof));
                    }
                    catch (Exception single) when (single is ArgumentException or InvalidOperationException)
                    {
                        member.Completion.TrySetException(single);
                    }
                }
            }
        }
    }

    private sealed record Pending(VerifyingKey Key, string CircuitId, Groth16BatchItem Item)
    {
        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    // Keys by reference: two key objects are never assumed equal, so a batch has exactly one key object.
    private sealed class KeyComparer : IEqualityComparer<(VerifyingKey Key, string CircuitId)>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals((VerifyingKey Key, string CircuitId) x, (VerifyingKey Key, string CircuitId) y) =>
            ReferenceEquals(x.Key, y.Key) && string.Equals(x.CircuitId, y.CircuitId, StringComparison.Ordinal);

        public int GetHashCode((VerifyingKey Key, string CircuitId) obj) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Key), obj.CircuitId);
    }
}
