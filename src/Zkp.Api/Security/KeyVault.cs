using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Zkp.Credentials.Crypto;

namespace Zkp.Api.Security;

/// <summary>
/// Protects Ed25519 seeds at rest with Data Protection, one purpose per use so a protected member seed can
/// never be unprotected as an issuer key (or the other way round). Seeds are wiped from memory after use.
/// </summary>
public sealed class KeyVault(IDataProtectionProvider provider)
{
    public const string IssuerSigningKeyPurpose = "Zkp.Issuers.SigningKeySeed.v1";
    public const string MemberHolderKeyPurpose = "Zkp.Members.HolderKeySeed.v1";

    private readonly IDataProtector issuerProtector = provider.CreateProtector(IssuerSigningKeyPurpose);
    private readonly IDataProtector memberProtector = provider.CreateProtector(MemberHolderKeyPurpose);

    public string ProtectIssuerKey(Ed25519PrivateKey key) => Protect(issuerProtector, key);

    public Ed25519PrivateKey UnprotectIssuerKey(string protectedSeed) => Unprotect(issuerProtector, protectedSeed);

    public string ProtectMemberKey(Ed25519PrivateKey key) => Protect(memberProtector, key);

    public Ed25519PrivateKey UnprotectMemberKey(string protectedSeed) => Unprotect(memberProtector, protectedSeed);

    private static string Protect(IDataProtector protector, Ed25519PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var seed = new byte[Ed25519PrivateKey.SeedSize];
        try
        {
            key.ExportSeed(seed);
            return Convert.ToBase64String(protector.Protect(seed));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    private static Ed25519PrivateKey Unprotect(IDataProtector protector, string protectedSeed)
    {
        ArgumentException.ThrowIfNullOrEmpty(protectedSeed);
        var seed = protector.Unprotect(Convert.FromBase64String(protectedSeed));
        try
        {
            return Ed25519PrivateKey.FromSeed(seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }
}
