using System.Numerics;
using Zkp.Bn254;
using Zkp.Zk.Frontend;

namespace Zkp.Zk.Std;

/// <summary>
/// Comparison and range gadgets over n-bit unsigned values (n &lt;= 252 so that differences plus
/// 2^n never wrap around r).
/// </summary>
public static class Comparators
{
    public const int MaxBits = 252;

    /// <summary>
    /// 1 when a &lt;= b, else 0 (n + 2 constraints). Does NOT range-check a and b: the result is
    /// only meaningful when both are below 2^n, which the caller must ensure (e.g. with <see cref="AssertBits"/>
    /// or because they come from <see cref="CircuitApiExtensions.ToBinary"/>).
    /// </summary>
    public static Variable IsLessOrEqual(this ICircuitApi api, Variable a, Variable b, int bits)
    {
        ArgumentNullException.ThrowIfNull(api);
        CheckBits(bits);
        using var scope = api.Scope("IsLessOrEqual");
        // b - a + 2^n lies in [1, 2^(n+1)) for n-bit a, b; its top bit is set exactly when a <= b.
        var shifted = api.Add(api.Sub(b, a), api.Constant(Fr.FromBigInteger(BigInteger.One << bits)));
        return api.ToBinary(shifted, bits + 1)[bits];
    }

    /// <summary>
    /// Constrains a &lt;= b (n + 1 constraints) by range-checking b - a to n bits. Does NOT range-check a
    /// and b themselves; sound only when both are below 2^n.
    /// </summary>
    public static void AssertLessOrEqual(this ICircuitApi api, Variable a, Variable b, int bits)
    {
        ArgumentNullException.ThrowIfNull(api);
        CheckBits(bits);
        using var scope = api.Scope("AssertLessOrEqual");
        api.ToBinary(api.Sub(b, a), bits);
    }

    /// <summary>Constrains v &lt; 2^n (n + 1 constraints, none for a constant that fits).</summary>
    public static void AssertBits(this ICircuitApi api, Variable v, int bits)
    {
        ArgumentNullException.ThrowIfNull(api);
        CheckBits(bits);
        if (v.TryGetConstant(out var constant))
        {
            if (constant.ToBigInteger() >> bits != BigInteger.Zero)
            {
                throw new CircuitCompilationException($"constant does not fit in {bits} bits");
            }

            return;
        }

        api.ToBinary(v, bits);
    }

    /// <summary>
    /// Constrains lower &lt;= v &lt;= upper (inclusive) with v, lower and upper all range-checked to n
    /// bits (constant bounds are checked while compiling and cost nothing).
    /// </summary>
    public static void AssertInRange(this ICircuitApi api, Variable v, Variable lower, Variable upper, int bits)
    {
        ArgumentNullException.ThrowIfNull(api);
        CheckBits(bits);
        using var scope = api.Scope("AssertInRange");
        using (api.Scope("value"))
        {
            api.AssertBits(v, bits);
        }

        using (api.Scope("lower"))
        {
            api.AssertBits(lower, bits);
        }

        using (api.Scope("upper"))
        {
            api.AssertBits(upper, bits);
        }

        using (api.Scope("lower <= value"))
        {
            api.AssertLessOrEqual(lower, v, bits);
        }

        using (api.Scope("value <= upper"))
        {
            api.AssertLessOrEqual(v, upper, bits);
        }
    }

    private static void CheckBits(int bits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, MaxBits);
    }
}
