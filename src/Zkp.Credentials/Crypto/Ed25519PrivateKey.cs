using System.Security.Cryptography;

namespace Zkp.Credentials.Crypto;

/// <summary>
/// An Ed25519 signing key. The seed and libsodium's expanded secret key live in pinned arrays (the GC
/// never copies them) and are zeroed on <see cref="Dispose"/>.
/// </summary>
public sealed class Ed25519PrivateKey : IDisposable
{
    public const int SeedSize = Sodium.SeedBytes;

    // libsodium's 64-byte secret key is seed || public key.
    private readonly byte[] secretKey;
    private bool disposed;

    private Ed25519PrivateKey(byte[] secretKey, Ed25519PublicKey publicKey)
    {
        this.secretKey = secretKey;
        PublicKey = publicKey;
    }

    public Ed25519PublicKey PublicKey { get; }

    public static Ed25519PrivateKey FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedSize)
        {
            throw new ArgumentException($"An Ed25519 seed is {SeedSize} bytes, got {seed.Length}.", nameof(seed));
        }

        return FromSeedCore(seed);
    }

    public static Ed25519PrivateKey Generate()
    {
        var seed = GC.AllocateArray<byte>(SeedSize, pinned: true);
        try
        {
            RandomNumberGenerator.Fill(seed);
            return FromSeedCore(seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    private static unsafe Ed25519PrivateKey FromSeedCore(ReadOnlySpan<byte> seed)
    {
        Sodium.EnsureInitialized();
        var secretKey = GC.AllocateArray<byte>(Sodium.SecretKeyBytes, pinned: true);
        var publicKey = new byte[Sodium.PublicKeyBytes];
        fixed (byte* s = seed)
        fixed (byte* pk = publicKey)
        fixed (byte* sk = secretKey)
        {
            if (Sodium.crypto_sign_seed_keypair(pk, sk, s) != 0)
            {
                CryptographicOperations.ZeroMemory(secretKey);
                throw new CryptographicException("crypto_sign_seed_keypair failed.");
            }
        }

        return new Ed25519PrivateKey(secretKey, Ed25519PublicKey.FromOwnedArray(publicKey));
    }

    /// <summary>Copies the 32-byte seed out; the caller owns zeroing <paramref name="destination"/>.</summary>
    public void ExportSeed(Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (destination.Length != SeedSize)
        {
            throw new ArgumentException($"The destination must be {SeedSize} bytes.", nameof(destination));
        }

        secretKey.AsSpan(0, SeedSize).CopyTo(destination);
    }

    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signature = new byte[Sodium.SignatureBytes];
        Sign(message, signature);
        return signature;
    }

    public void Sign(ReadOnlySpan<byte> message, Span<byte> signature)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (signature.Length != Sodium.SignatureBytes)
        {
            throw new ArgumentException($"The signature buffer must be {Sodium.SignatureBytes} bytes.", nameof(signature));
        }

        SignCore(message, signature);
    }

    private unsafe void SignCore(ReadOnlySpan<byte> message, Span<byte> signature)
    {
        fixed (byte* sig = signature)
        fixed (byte* m = message)
        fixed (byte* sk = secretKey)
        {
            ulong length;
            if (Sodium.crypto_sign_detached(sig, &length, m, (ulong)message.Length, sk) != 0)
            {
                throw new CryptographicException("crypto_sign_detached failed.");
            }
        }
    }

    /// <summary>The X25519 secret scalar (clamped) derived from this key; the caller owns zeroing it.</summary>
    public unsafe byte[] ToX25519()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var result = GC.AllocateArray<byte>(Sodium.X25519Bytes, pinned: true);
        fixed (byte* x = result)
        fixed (byte* sk = secretKey)
        {
            if (Sodium.crypto_sign_ed25519_sk_to_curve25519(x, sk) != 0)
            {
                throw new CryptographicException("crypto_sign_ed25519_sk_to_curve25519 failed.");
            }
        }

        return result;
    }

    public void Dispose()
    {
        if (!disposed)
        {
            CryptographicOperations.ZeroMemory(secretKey);
            disposed = true;
        }
    }
}
