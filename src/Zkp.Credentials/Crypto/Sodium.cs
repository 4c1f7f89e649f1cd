using System.Reflection;
using System.Runtime.InteropServices;

namespace Zkp.Credentials.Crypto;

/// <summary>
/// The minimal libsodium surface this library needs. Every call site goes through
/// <see cref="EnsureInitialized"/> first, so <c>sodium_init</c> has run before any other function.
/// </summary>
internal static partial class Sodium
{
    private const string LibraryName = "libsodium";

    // Debian/Ubuntu ship only the versioned soname (libsodium.so.23) unless libsodium-dev is installed.
    private static readonly string[] CandidateNames = ["libsodium", "libsodium.so.23", "libsodium.so", "libsodium.23.dylib"];

    private static readonly Lazy<bool> Initialized = new(InitializeCore, LazyThreadSafetyMode.ExecutionAndPublication);

    static Sodium()
    {
        NativeLibrary.SetDllImportResolver(typeof(Sodium).Assembly, Resolve);
    }

    internal const int SeedBytes = 32;
    internal const int PublicKeyBytes = 32;
    internal const int SecretKeyBytes = 64;
    internal const int SignatureBytes = 64;
    internal const int X25519Bytes = 32;

    internal static void EnsureInitialized()
    {
        _ = Initialized.Value;
    }

    private static bool InitializeCore()
    {
        int result;
        try
        {
            result = sodium_init();
        }
        catch (DllNotFoundException ex)
        {
            throw new DllNotFoundException(
                "libsodium was not found. Install it with 'apt-get install libsodium23' (Debian/Ubuntu) or your platform's libsodium package.",
                ex);
        }

        // 0 = initialized now, 1 = already initialized; -1 = failure (no usable randomness source).
        if (result < 0)
        {
            throw new InvalidOperationException("sodium_init failed.");
        }

        return true;
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibraryName)
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in CandidateNames)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }

    [LibraryImport(LibraryName)]
    private static partial int sodium_init();

    [LibraryImport(LibraryName)]
    internal static unsafe partial int crypto_sign_seed_keypair(byte* pk, byte* sk, byte* seed);

    [LibraryImport(LibraryName)]
    internal static unsafe partial int crypto_sign_detached(byte* sig, ulong* siglen, byte* m, ulong mlen, byte* sk);

    [LibraryImport(LibraryName)]
    internal static unsafe partial int crypto_sign_verify_detached(byte* sig, byte* m, ulong mlen, byte* pk);

    [LibraryImport(LibraryName)]
    internal static unsafe partial int crypto_sign_ed25519_pk_to_curve25519(byte* x25519Pk, byte* ed25519Pk);

    [LibraryImport(LibraryName)]
    internal static unsafe partial int crypto_sign_ed25519_sk_to_curve25519(byte* x25519Sk, byte* ed25519Sk);
}
