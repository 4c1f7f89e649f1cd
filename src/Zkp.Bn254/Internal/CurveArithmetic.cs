using System.Runtime.CompilerServices;

namespace Zkp.Bn254.Internal;

/// <summary>
/// Group law on y^2 = x^3 + b (a = 0) over the field T, shared by G1 (T = Fp) and the G2 twist
/// (T = Fp2). None of these methods checks that inputs are on the curve or in the subgroup: the
/// public decoders and factories do that once at the trust boundary.
/// </summary>
internal static partial class CurveArithmetic<T>
    where T : unmanaged, IFieldOps<T>
{
    public static bool IsOnCurve(in AffinePoint<T> p)
    {
        if (p.IsInfinity)
        {
            return true;
        }
        T.Square(in p.Y, out var lhs);
        T.Square(in p.X, out var x2);
        T.Multiply(in x2, in p.X, out var rhs);
        var b = T.CurveB;
        T.Add(in rhs, in b, out rhs);
        return T.AreEqual(in lhs, in rhs);
    }

    /// <summary>Y^2 = X^3 + b Z^6.</summary>
    public static bool IsOnCurve(in JacobianPoint<T> p)
    {
        if (p.IsInfinity)
        {
            return true;
        }
        T.Square(in p.Y, out var lhs);
        T.Square(in p.X, out var x2);
        T.Multiply(in x2, in p.X, out var rhs);
        T.Square(in p.Z, out var z2);
        T.Multiply(in z2, in p.Z, out var z3);
        T.Square(in z3, out var z6);
        var b = T.CurveB;
        T.Multiply(in z6, in b, out var bz6);
        T.Add(in rhs, in bz6, out rhs);
        return T.AreEqual(in lhs, in rhs);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static JacobianPoint<T> FromAffine(in AffinePoint<T> p) =>
        p.IsInfinity ? JacobianPoint<T>.Infinity : new JacobianPoint<T>(p.X, p.Y, T.OneElement);

    public static AffinePoint<T> ToAffine(in JacobianPoint<T> p)
    {
        if (p.IsInfinity)
        {
            return default;
        }
        var zInv = T.InvertOrZero(in p.Z);
        T.Square(in zInv, out var zInv2);
        T.Multiply(in zInv2, in zInv, out var zInv3);
        T.Multiply(in p.X, in zInv2, out var x);
        T.Multiply(in p.Y, in zInv3, out var y);
        return new AffinePoint<T>(x, y);
    }

    /// <summary>
    /// Montgomery's trick: one inversion for the whole batch. Infinity maps to the (0, 0) affine
    /// infinity. <paramref name="output"/> must be at least as long as <paramref name="input"/>.
    /// </summary>
    public static void BatchToAffine(ReadOnlySpan<JacobianPoint<T>> input, Span<AffinePoint<T>> output)
    {
        if (input.Length == 0)
        {
            return;
        }
        var prefix = new T[input.Length];
        var acc = T.OneElement;
        for (int i = 0; i < input.Length; i++)
        {
            prefix[i] = acc;
            if (!input[i].IsInfinity)
            {
                T.Multiply(in acc, in input[i].Z, out acc);
            }
        }
        var inv = T.InvertOrZero(in acc);
        for (int i = input.Length - 1; i >= 0; i--)
        {
            ref readonly var p = ref input[i];
            if (p.IsInfinity)
            {
                output[i] = default;
                continue;
            }
            T.Multiply(in inv, in prefix[i], out var zInv);
            T.Multiply(in inv, in p.Z, out inv);
            T.Square(in zInv, out var zInv2);
            T.Multiply(in zInv2, in zInv, out var zInv3);
            T.Multiply(in p.X, in zInv2, out var x);
            T.Multiply(in p.Y, in zInv3, out var y);
            output[i] = new AffinePoint<T>(x, y);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Negate(in JacobianPoint<T> p, out JacobianPoint<T> result)
    {
        T.Negate(in p.Y, out var y);
        result = new JacobianPoint<T>(p.X, y, p.Z);
    }

    public static AffinePoint<T> Negate(in AffinePoint<T> p)
    {
        if (p.IsInfinity)
        {
            return p;
        }
        T.Negate(in p.Y, out var y);
        return new AffinePoint<T>(p.X, y);
    }

    /// <summary>dbl-2009-l (a = 0): 2M + 5S.</summary>
    public static void Double(in JacobianPoint<T> p, out JacobianPoint<T> result)
    {
        if (p.IsInfinity)
        {
            result = p;
            return;
        }
        T.Square(in p.X, out var a);
        T.Square(in p.Y, out var b);
        T.Square(in b, out var c);
        T.Add(in p.X, in b, out var d);
        T.Square(in d, out d);
        T.Subtract(in d, in a, out d);
        T.Subtract(in d, in c, out d);
        T.Double(in d, out d);
        T.Double(in a, out var e);
        T.Add(in e, in a, out e);
        T.Square(in e, out var f);
        T.Multiply(in p.Y, in p.Z, out var z3);
        T.Double(in z3, out z3);
        T.Double(in d, out var twoD);
        T.Subtract(in f, in twoD, out var x3);
        T.Subtract(in d, in x3, out var y3);
        T.Multiply(in e, in y3, out y3);
        T.Double(in c, out var c8);
        T.Double(in c8, out c8);
        T.Double(in c8, out c8);
        T.Subtract(in y3, in c8, out y3);
        result = new JacobianPoint<T>(x3, y3, z3);
    }

    /// <summary>add-2007-bl: 11M + 5S, with the exceptional cases (infinity, P = Q, P = -Q) handled.</summary>
    public static void Add(in JacobianPoint<T> p, in JacobianPoint<T> q, out JacobianPoint<T> result)
    {
        if (p.IsInfinity)
        {
            result = q;
            return;
        }
        if (q.IsInfinity)
        {
            result = p;
            return;
        }
        T.Square(in p.Z, out var z1z1);
        T.Square(in q.Z, out var z2z2);
        T.Multiply(in p.X, in z2z2, out var u1);
        T.Multiply(in q.X, in z1z1, out var u2);
        T.Multiply(in p.Y, in q.Z, out var s1);
        T.Multiply(in s1, in z2z2, out s1);
        T.Multiply(in q.Y, in p.Z, out var s2);
        T.Multiply(in s2, in z1z1, out s2);
        T.Subtract(in u2, in u1, out var h);
        T.Subtract(in s2, in s1, out var r);
        if (T.IsZeroElement(in h))
        {
            if (T.IsZeroElement(in r))
            {
                Double(in p, out result);
            }
            else
            {
                result = JacobianPoint<T>.Infinity;
            }
            return;
        }
        T.Double(in r, out r);
        T.Double(in h, out var i);
        T.Square(in i, out i);
        T.Multiply(in h, in i, out var j);
        T.Multiply(in u1, in i, out var v);
        T.Square(in r, out var x3);
        T.Subtract(in x3, in j, out x3);
        T.Subtract(in x3, in v, out x3);
        T.Subtract(in x3, in v, out x3);
        T.Subtract(in v, in x3, out var y3);
        T.Multiply(in r, in y3, out y3);
        T.Multiply(in s1, in j, out var s1j);
        T.Double(in s1j, out s1j);
        T.Subtract(in y3, in s1j, out y3);
        T.Add(in p.Z, in q.Z, out var z3);
        T.Square(in z3, out z3);
        T.Subtract(in z3, in z1z1, out z3);
        T.Subtract(in z3, in z2z2, out z3);
        T.Multiply(in z3, in h, out z3);
        result = new JacobianPoint<T>(x3, y3, z3);
    }

    /// <summary>madd-2007-bl (Z2 = 1): 7M + 4S, exceptional cases handled.</summary>
    public static void AddMixed(in JacobianPoint<T> p, in AffinePoint<T> q, out JacobianPoint<T> result)
    {
        if (q.IsInfinity)
        {
            result = p;
            return;
        }
        if (p.IsInfinity)
        {
            result = new JacobianPoint<T>(q.X, q.Y, T.OneElement);
            return;
        }
        T.Square(in p.Z, out var z1z1);
        T.Multiply(in q.X, in z1z1, out var u2);
        T.Multiply(in q.Y, in p.Z, out var s2);
        T.Multiply(in s2, in z1z1, out s2);
        T.Subtract(in u2, in p.X, out var h);
        T.Subtract(in s2, in p.Y, out var r);
        if (T.IsZeroElement(in h))
        {
            if (T.IsZeroElement(in r))
            {
                Double(in p, out result);
            }
            else
            {
                result = JacobianPoint<T>.Infinity;
            }
            return;
        }
        T.Square(in h, out var hh);
        T.Double(in hh, out var i);
        T.Double(in i, out i);
        T.Multiply(in h, in i, out var j);
        T.Double(in r, out r);
        T.Multiply(in p.X, in i, out var v);
        T.Square(in r, out var x3);
        T.Subtract(in x3, in j, out x3);
        T.Subtract(in x3, in v, out x3);
        T.Subtract(in x3, in v, out x3);
        T.Subtract(in v, in x3, out var y3);
        T.Multiply(in r, in y3, out y3);
        T.Multiply(in p.Y, in j, out var yj);
        T.Double(in yj, out yj);
        T.Subtract(in y3, in yj, out y3);
        T.Add(in p.Z, in h, out var z3);
        T.Square(in z3, out z3);
        T.Subtract(in z3, in z1z1, out z3);
        T.Subtract(in z3, in hh, out z3);
        result = new JacobianPoint<T>(x3, y3, z3);
    }

    /// <summary>Projective equality: X1 Z2^2 = X2 Z1^2 and Y1 Z2^3 = Y2 Z1^3.</summary>
    public static bool AreEqual(in JacobianPoint<T> p, in JacobianPoint<T> q)
    {
        if (p.IsInfinity || q.IsInfinity)
        {
            return p.IsInfinity && q.IsInfinity;
        }
        T.Square(in p.Z, out var z1z1);
        T.Square(in q.Z, out var z2z2);
        T.Multiply(in p.X, in z2z2, out var u1);
        T.Multiply(in q.X, in z1z1, out var u2);
        T.Multiply(in z2z2, in q.Z, out var z2c);
        T.Multiply(in z1z1, in p.Z, out var z1c);
        T.Multiply(in p.Y, in z2c, out var s1);
        T.Multiply(in q.Y, in z1c, out var s2);
        return T.AreEqual(in u1, in u2) & T.AreEqual(in s1, in s2);
    }
}
