using System.Numerics;

namespace Zkp.Bn254.Internal;

/// <summary>
/// The surface <see cref="Fp"/> and <see cref="Fr"/> share, so that code and tests about "a BN254
/// prime field" are written once. Both structs already expose these members publicly; this
/// interface only names them (it stays internal, so the public API does not grow).
/// </summary>
internal interface IPrimeField<TSelf> : IEquatable<TSelf>
    where TSelf : struct, IPrimeField<TSelf>
{
    static abstract TSelf Zero { get; }

    static abstract TSelf One { get; }

    static abstract BigInteger Modulus { get; }

    bool IsZero { get; }

    bool IsOne { get; }

    static abstract TSelf operator +(in TSelf a, in TSelf b);

    static abstract TSelf operator -(in TSelf a, in TSelf b);

    static abstract TSelf operator *(in TSelf a, in TSelf b);

    static abstract TSelf operator -(in TSelf a);

    static abstract bool operator ==(in TSelf a, in TSelf b);

    static abstract bool operator !=(in TSelf a, in TSelf b);

    static abstract void Add(in TSelf a, in TSelf b, out TSelf result);

    static abstract void Subtract(in TSelf a, in TSelf b, out TSelf result);

    static abstract void Multiply(in TSelf a, in TSelf b, out TSelf result);

    static abstract void Square(in TSelf a, out TSelf result);

    static abstract void Negate(in TSelf a, out TSelf result);

    static abstract void Double(in TSelf a, out TSelf result);

    TSelf Square();

    TSelf Inverse();

    TSelf Pow(in TSelf exponentAsCanonical);

    TSelf Pow(BigInteger e);

    TSelf Pow(ulong e);

    bool TrySqrt(out TSelf root);

    static abstract TSelf FromUInt64(ulong value);

    static abstract TSelf FromInt64(long value);

    static abstract TSelf FromBigInteger(BigInteger value);

    static abstract TSelf FromBigIntegerReduced(BigInteger value);

    BigInteger ToBigInteger();

    static abstract TSelf Parse(string decimalString);

    static abstract bool TryParse(string? s, out TSelf value);

    static abstract TSelf FromCanonicalLittleEndian(ReadOnlySpan<byte> bytes32);

    static abstract TSelf FromCanonicalBigEndian(ReadOnlySpan<byte> bytes32);

    static abstract TSelf FromMontgomeryLittleEndian(ReadOnlySpan<byte> bytes32);

    static abstract TSelf FromBytesReduced(ReadOnlySpan<byte> bigEndian);

    static abstract TSelf Random();

    void WriteCanonicalLittleEndian(Span<byte> dest32);

    void WriteCanonicalBigEndian(Span<byte> dest32);

    void WriteMontgomeryLittleEndian(Span<byte> dest32);
}
