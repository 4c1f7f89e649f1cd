using System.Security.Cryptography;

namespace Zkp.Credentials.Status;

/// <summary>
/// Hands out status list indexes at random positions, never the same one twice. Random positions keep
/// the index from revealing issuance order (the spec's herd-privacy advice).
/// </summary>
/// <remarks>
/// Thread-safe within one process. Across processes the caller persists allocations (e.g. a unique
/// constraint on (list, index)) and rebuilds the allocator from them with <see cref="MarkAllocated"/>.
/// </remarks>
public sealed class StatusListIndexAllocator
{
    private readonly BitstringStatusList used;
    private readonly Lock gate = new();
    private int allocated;

    public StatusListIndexAllocator(int length = BitstringStatusList.MinimumLength)
    {
        used = new BitstringStatusList(length);
    }

    public int Length => used.Length;

    public int Allocated
    {
        get
        {
            lock (gate)
            {
                return allocated;
            }
        }
    }

    /// <summary>Records an index allocated earlier (e.g. loaded from the database).</summary>
    public void MarkAllocated(int index)
    {
        lock (gate)
        {
            if (used[index])
            {
                throw new InvalidOperationException($"Index {index} is already allocated.");
            }

            used[index] = true;
            allocated++;
        }
    }

    public int Allocate()
    {
        lock (gate)
        {
            if (allocated == used.Length)
            {
                throw new InvalidOperationException("The status list is full; start a new list.");
            }

            // Random start, then the next free slot: O(1) expected while the list is mostly free.
            var start = RandomNumberGenerator.GetInt32(used.Length);
            for (var offset = 0; offset < used.Length; offset++)
            {
                var candidate = (start + offset) % used.Length;
                if (!used[candidate])
                {
                    used[candidate] = true;
                    allocated++;
                    return candidate;
                }
            }

            throw new InvalidOperationException("The status list is full; start a new list.");
        }
    }
}
