using System.Security.Cryptography;

namespace Zkp.Credentials.Crypto;

/// <summary>An Ed25519 public key (32-byte RFC 8032 encoding) that verifies detached signatures.</summary>
/// <remarks>
/// Construction checks only the length. Whether the bytes decode to a curve point is checked by
/// libsodium at verification time: <c>crypto_sign_verify_detached</c> rejects non-canonical and
/// small-order keys and non-canonical S, so such a key simply never verifies.
/// </remarks>
public sealed class Ed25519PublicKey : IEquatable<Ed25519PublicKey>
{
    public const int Size = Sodium.PublicKeyBytes;
    public const int SignatureSize = Sodium.SignatureBytes;

    private readonly byte[] bytes;

    private Ed25519PublicKey(byte[] bytes)
    {
        this.bytes = bytes;
    }

    public static Ed25519PublicKey FromBytes(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != Size)
        {
            throw new ArgumentException($"An Ed25519 public key is {Size} bytes, got {publicKey.Length}.", nameof(publicKey));
        }

        return new Ed25519PublicKey(publicKey.ToArray());
    }

    internal static Ed25519PublicKey FromOwnedArray(byte[] publicKey) => new(publicKey);

    public ReadOnlySpan<byte> AsSpan() => bytes;

    public byte[] ToArray() => (byte[])bytes.Clone();

    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        // A wrong-length signature is simply invalid, never an exception: verifiers see attacker input.
        if (signature.Length != SignatureSize)
        {
            return false;
        }

        return VerifyCore(message, signature);
    }

    private unsafe bool VerifyCore(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        Sodium.EnsureInitialized();
        fixed (byte* sig = signature)
        fixed (byte* m = message)
        fixed (byte* pk = bytes)
        {
            return Sodium.crypto_sign_verify_detached(sig, m, (ulong)message.Length, pk) == 0;
        }
    }

    /// <summary>The X25519 (Montgomery) form of this key, as used for did:key key agreement.</summary>
    public unsafe byte[] ToX25519()
    {
        Sodium.EnsureInitialized();
        var result = new byte[Sodium.X25519Bytes];
        fixed (byte* x = result)
        fixed (byte* pk = bytes)
        {
            if (Sodium.crypto_sign_ed25519_pk_to_curve25519(x, pk) != 0)
            {
                throw new CryptographicException("The Ed25519 public key is not a valid curve point.");
            }
        }

        return result;
    }

    public bool Equals(Ed25519PublicKey? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(bytes, other.bytes);

    public override bool Equals(object? obj) => Equals(obj as Ed25519PublicKey);

    public override int GetHashCode() => BitConverter.ToInt32(bytes, 0);

    public override string ToString() => Convert.ToHexStringLower(bytes);
}
