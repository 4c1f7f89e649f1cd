using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using Zkp.Bn254;
using Zkp.Circuits;
using Zkp.Zk.Formats;
using Zkp.Zk.Groth16;

namespace Zkp.Api.Credentials;

/// <summary>
/// The claim circuit's Groth16 keys for this process: the proving key issuance proves with and the verifying key
/// (bound to the circuit hash, its pairing lines prepared) the verifier pipeline checks with. Loaded once at start-up
/// by <see cref="Load"/>, which refuses a key that does not belong to <see cref="ClaimCircuits.Range"/>.
/// </summary>
public sealed class ClaimKeys
{
    /// <summary>The file name of a generated development key inside the data directory.</summary>
    public const string GeneratedKeyFileName = "zkp.claim-range.v1.zkey";

    // Checked keys by the SHA-256 of their file: test hosts (and restarts within one process) reuse one key file
    // many times, and the same bytes always pass or fail the same checks.
    private static readonly ConcurrentDictionary<string, ProvingKey> CheckedKeys = new(StringComparer.Ordinal);

    private ClaimKeys(ProvingKey provingKey, string path, bool generated)
    {
        ProvingKey = provingKey;
        KeyPath = path;
        Generated = generated;
        VerifyingKeys = new Dictionary<string, VerifyingKey>(StringComparer.Ordinal) { [CircuitId] = provingKey.VerifyingKey };
    }

    public static string CircuitId => ClaimCircuits.Range.Id;

    /// <summary>Lower-case hex SHA-256 of the compiled claim circuit's .r1cs; the keys are bound to it.</summary>
    public static string CircuitHash => ClaimCircuits.Range.CircuitHash;

    public ProvingKey ProvingKey { get; }

    /// <summary>Bound to <see cref="CircuitHash"/>; its fixed G2 pairing lines were prepared by the start-up self-test.</summary>
    public VerifyingKey VerifyingKey => ProvingKey.VerifyingKey;

    /// <summary>Verifying keys by circuit id, the shape <c>VerifierContext.VerifyingKeys</c> takes.</summary>
    public IReadOnlyDictionary<string, VerifyingKey> VerifyingKeys { get; }

    /// <summary>The .zkey file the keys were read from (or generated into).</summary>
    public string KeyPath { get; }

    /// <summary>True when this start generated the key (it did not exist yet).</summary>
    public bool Generated { get; }

    /// <summary>
    /// Reads the configured key, or (when <paramref name="configuredPath"/> is empty and <paramref name="mayGenerate"/>)
    /// the generated key in <paramref name="dataDirectory"/>, generating it with the single-party setup when absent.
    /// </summary>
    /// <exception cref="ClaimKeyException">No key configured where one is required, unreadable file, or a key of another circuit.</exception>
    public static ClaimKeys Load(string? configuredPath, string dataDirectory, bool mayGenerate)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            var path = Path.GetFullPath(configuredPath);
            if (!File.Exists(path))
            {
                throw new ClaimKeyException($"Zk:ProvingKeyPath names '{path}', which does not exist. {HowToGetAKey}");
            }

            return new ClaimKeys(ReadChecked(path), path, generated: false);
        }

        if (!mayGenerate)
        {
            throw new ClaimKeyException($"Zk:ProvingKeyPath is not set. Outside Development, Testing and the embedded SQLite default the server needs the proving key of {CircuitId} (circuit hash {CircuitHash}). {HowToGetAKey}");
        }

        var generatedPath = Path.Combine(Path.GetFullPath(dataDirectory), GeneratedKeyFileName);
        var generated = false;
        if (!File.Exists(generatedPath))
        {
            generated = GenerateInto(generatedPath);
        }

        return new ClaimKeys(ReadChecked(generatedPath), generatedPath, generated);
    }

    /// <summary>
    /// Runs the single-party development setup for the claim circuit and writes the .zkey to <paramref name="path"/>
    /// unless another process got there first. Returns false when the file already existed (that key is kept).
    /// </summary>
    public static bool GenerateInto(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var key = Groth16Setup.Run(ClaimCircuits.Range.Compiled.R1cs);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temporary, ZkeyFile.Write(key));
        try
        {
            // No overwrite: when two nodes start on one data directory at once, the first key wins and both use it.
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }

    private const string HowToGetAKey =
        "Generate one with 'zkp setup zkp.claim-range.v1 claim.zkey' or import the .zkey of a snarkjs phase-2 ceremony, then set Zk:ProvingKeyPath (see docs/operations.md).";

    private static ProvingKey ReadChecked(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ClaimKeyException($"The proving key '{path}' cannot be read: {exception.Message}", exception);
        }

        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (CheckedKeys.TryGetValue(fingerprint, out var known))
        {
            return known;
        }

        ProvingKey key;
        try
        {
            key = ZkeyFile.Read(bytes);
        }
        catch (ZkFormatException exception)
        {
            throw new ClaimKeyException($"The proving key '{path}' is not a valid Groth16 .zkey: {exception.Message}", exception);
        }

        CheckBelongsToClaimCircuit(key, path);
        return CheckedKeys.GetOrAdd(fingerprint, key);
    }

    /// <summary>
    /// A .zkey does not record which circuit it was made for (ours writes no circuit hash; snarkjs's is a hash of its
    /// own .r1cs encoding), so membership is established by what the key does: its shape must equal the compiled
    /// circuit's, and a proof of a fixed satisfying witness made with it must verify under its own verifying key.
    /// A key of another circuit with the same shape encodes other constraints, and such a proof then fails (except
    /// with negligible probability). Binds the key to the circuit hash on success.
    /// </summary>
    private static void CheckBelongsToClaimCircuit(ProvingKey key, string path)
    {
        var circuit = ClaimCircuits.Range;
        var r1cs = circuit.Compiled.R1cs;
        // snarkjs's QAP has one row per constraint plus one per public signal and the constant wire.
        var expectedDomain = BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)(r1cs.Constraints.Count + r1cs.PublicSignalCount + 1)));
        if (key.WireCount != r1cs.WireCount || key.PublicSignalCount != r1cs.PublicSignalCount || key.Domain.Log2Size != expectedDomain)
        {
            throw Mismatch(path, string.Create(CultureInfo.InvariantCulture,
                $"a key for a circuit with {key.WireCount} wires, {key.PublicSignalCount} public signals and domain 2^{key.Domain.Log2Size} (the claim circuit has {r1cs.WireCount}, {r1cs.PublicSignalCount} and 2^{expectedDomain})"));
        }

        if (key.VerifyingKey.CircuitId is { } bound && bound != circuit.CircuitHash)
        {
            throw Mismatch(path, $"a key bound to circuit hash {bound}");
        }

        var binding = ClaimCommitment.BindingFor("urn:zkp:proving-key-self-test");
        var salt = Fr.FromUInt64(0x5A4B_5053_454C_4654);
        var witness = circuit.Solve(ClaimCommitment.RangeInputs(42, salt, 1, 100, binding));
        var proof = Groth16Prover.Prove(key, witness.Values);
        var signals = witness.PublicSignals();
        if (!Groth16Verifier.Verify(key.VerifyingKey, signals, proof))
        {
            throw Mismatch(path, "a key of another circuit with the same shape (a proof of a satisfying claim-circuit witness made with it does not verify)");
        }

        key.BindTo(circuit.CircuitHash);
    }

    private static ClaimKeyException Mismatch(string path, string found) =>
        new($"The proving key '{path}' does not belong to the compiled claim circuit {CircuitId}: expected circuit hash {CircuitHash}, found {found}. Refusing to start: credentials proved with it would not verify. {HowToGetAKey}");
}

/// <summary>The claim circuit's proving key is missing, unreadable or belongs to another circuit; the server does not start.</summary>
public sealed class ClaimKeyException : Exception
{
    public ClaimKeyException()
    {
    }

    public ClaimKeyException(string message)
        : base(message)
    {
    }

    public ClaimKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
