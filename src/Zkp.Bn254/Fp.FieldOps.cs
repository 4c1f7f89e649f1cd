using Zkp.Bn254.Internal;

namespace Zkp.Bn254;

public readonly partial struct Fp : IFieldOps<Fp>
{
    private static readonly Fp CurveBValue = FromUInt64(3);
    private static readonly Fp CurveB3Value = FromUInt64(9);

    static Fp IFieldOps<Fp>.ZeroElement => default;

    static Fp IFieldOps<Fp>.OneElement => One;

    static Fp IFieldOps<Fp>.CurveB => CurveBValue;

    static Fp IFieldOps<Fp>.CurveB3 => CurveB3Value;

    static bool IFieldOps<Fp>.IsZeroElement(in Fp a) => a.Limbs.IsZero;

    static bool IFieldOps<Fp>.AreEqual(in Fp a, in Fp b) => a == b;

    static Fp IFieldOps<Fp>.InvertOrZero(in Fp a) => a.InverseOrZero();

    static Fp IFieldOps<Fp>.Select(in Fp whenZero, in Fp whenOne, ulong mask) => Select(in whenZero, in whenOne, mask);

    internal static Fp Select(in Fp whenZero, in Fp whenOne, ulong mask) => new(new Limbs256(
        (whenZero.Limbs.U0 & ~mask) | (whenOne.Limbs.U0 & mask),
        (whenZero.Limbs.U1 & ~mask) | (whenOne.Limbs.U1 & mask),
        (whenZero.Limbs.U2 & ~mask) | (whenOne.Limbs.U2 & mask),
        (whenZero.Limbs.U3 & ~mask) | (whenOne.Limbs.U3 & mask)));
}
