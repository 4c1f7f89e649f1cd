using Zkp.Bn254;

namespace Zkp.Zk.Frontend;

/// <summary>Gadgets built from the <see cref="ICircuitApi"/> primitives.</summary>
public static class CircuitApiExtensions
{
    /// <summary>Largest bit count for which a bit decomposition is unique in Fr (2^253 &lt; r &lt; 2^254).</summary>
    public const int MaxBits = 253;

    public static Variable Constant(this ICircuitApi api, long value)
    {
        ArgumentNullException.ThrowIfNull(api);
        return api.Constant(Fr.FromInt64(value));
    }

    /// <summary>1 / v with v constrained non-zero (one constraint: v * inv == 1).</summary>
    public static Variable Inverse(this ICircuitApi api, Variable v)
    {
        ArgumentNullException.ThrowIfNull(api);
        if (v.TryGetConstant(out var constant))
        {
            if (constant.IsZero)
            {
                throw new CircuitCompilationException("Inverse of the constant 0");
            }

            return api.Constant(constant.Inverse());
        }

        using var scope = api.Scope("Inverse");
        var inverse = api.NewHint(StandardHints.InverseOrZero, 1, v)[0];
        api.AssertProduct(v, inverse, api.Constant(Fr.One), "v * inv == 1 (v must be non-zero)");
        return inverse;
    }

    /// <summary>a / b with b constrained non-zero: 1 constraint when a is constant, else 2.</summary>
    public static Variable Div(this ICircuitApi api, Variable a, Variable b)
    {
        ArgumentNullException.ThrowIfNull(api);
        return api.Mul(a, api.Inverse(b));
    }

    /// <summary>
    /// The <paramref name="bits"/> low bits of v, little-endian, each constrained boolean, with
    /// sum(bits[i] * 2^i) == v constrained: v must be below 2^bits or solving fails (bits + 1 constraints).
    /// </summary>
    public static Variable[] ToBinary(this ICircuitApi api, Variable v, int bits)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, MaxBits);
        using var scope = api.Scope($"ToBinary({bits})");
        var result = api.NewHint(StandardHints.BitDecomposition, bits, v);
        foreach (var bit in result)
        {
            api.AssertBoolean(bit);
        }

        api.AssertEqual(Recompose(api, result), v, $"value fits in {bits} bits");
        return result;
    }

    /// <summary>sum(bits[i] * 2^i); asserts each bit boolean (free for bits from <see cref="ToBinary"/>).</summary>
    public static Variable FromBinary(this ICircuitApi api, params Variable[] bits)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(bits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits.Length, MaxBits);
        using var scope = api.Scope("FromBinary");
        foreach (var bit in bits)
        {
            api.AssertBoolean(bit);
        }

        return Recompose(api, bits);
    }

    /// <summary>condition ? whenTrue : whenFalse, with condition constrained boolean (one constraint unless the branches differ by a constant).</summary>
    public static Variable Select(this ICircuitApi api, Variable condition, Variable whenTrue, Variable whenFalse)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var scope = api.Scope("Select");
        api.AssertBoolean(condition);
        return api.Add(whenFalse, api.Mul(condition, api.Sub(whenTrue, whenFalse)));
    }

    /// <summary>1 when v == 0, else 0 (two constraints: v * inv == 1 - out, v * out == 0).</summary>
    public static Variable IsZero(this ICircuitApi api, Variable v)
    {
        ArgumentNullException.ThrowIfNull(api);
        if (v.TryGetConstant(out var constant))
        {
            return api.Constant(constant.IsZero ? Fr.One : Fr.Zero);
        }

        using var scope = api.Scope("IsZero");
        var inverse = api.NewHint(StandardHints.InverseOrZero, 1, v)[0];
        var isZero = api.Sub(api.Constant(Fr.One), api.Mul(v, inverse));
        api.AssertProduct(v, isZero, api.Constant(Fr.Zero), "v * out == 0");
        return isZero;
    }

    private static Variable Recompose(ICircuitApi api, Variable[] bits)
    {
        var sum = api.Constant(Fr.Zero);
        var weight = Fr.One;
        var two = Fr.FromUInt64(2);
        foreach (var bit in bits)
        {
            sum = api.Add(sum, api.Mul(bit, api.Constant(weight)));
            weight *= two;
        }

        return sum;
    }
}
