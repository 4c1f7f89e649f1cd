using Zkp.Bn254;

namespace Zkp.Zk.Constraints;

/// <summary>Arithmetic on sorted term arrays (the symbolic form of a linear combination).</summary>
internal static class LinearCombination
{
    public static readonly R1csTerm[] Empty = [];

    public static R1csTerm[] Constant(in Fr value) => value.IsZero ? Empty : [new R1csTerm(0, value)];

    /// <summary>a + factor * b, merged by wire; cancelled terms are dropped.</summary>
    public static R1csTerm[] AddScaled(R1csTerm[] a, R1csTerm[] b, in Fr factor)
    {
        if (factor.IsZero || b.Length == 0)
        {
            return a;
        }

        var result = new List<R1csTerm>(a.Length + b.Length);
        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            if (j == b.Length || (i < a.Length && a[i].Wire < b[j].Wire))
            {
                result.Add(a[i++]);
            }
            else if (i == a.Length || b[j].Wire < a[i].Wire)
            {
                result.Add(new R1csTerm(b[j].Wire, b[j].Coefficient * factor));
                j++;
            }
            else
            {
                var sum = a[i].Coefficient + (b[j].Coefficient * factor);
                if (!sum.IsZero)
                {
                    result.Add(new R1csTerm(a[i].Wire, sum));
                }

                i++;
                j++;
            }
        }

        return [.. result];
    }

    public static R1csTerm[] Scale(R1csTerm[] a, in Fr factor)
    {
        if (factor.IsZero)
        {
            return Empty;
        }

        var result = new R1csTerm[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            result[i] = new R1csTerm(a[i].Wire, a[i].Coefficient * factor);
        }

        return result;
    }

    public static bool TryGetConstant(R1csTerm[] terms, out Fr value)
    {
        if (terms.Length == 0)
        {
            value = Fr.Zero;
            return true;
        }

        if (terms.Length == 1 && terms[0].Wire == 0)
        {
            value = terms[0].Coefficient;
            return true;
        }

        value = Fr.Zero;
        return false;
    }

    /// <summary>Sum of coefficient * witness[wire]. Does not check that the wires are assigned.</summary>
    public static Fr Evaluate(R1csTerm[] terms, ReadOnlySpan<Fr> witness)
    {
        var acc = Fr.Zero;
        for (int i = 0; i < terms.Length; i++)
        {
            ref readonly var term = ref terms[i];
            if (term.Wire == 0)
            {
                Fr.Add(acc, term.Coefficient, out acc);
            }
            else
            {
                Fr.Multiply(term.Coefficient, witness[term.Wire], out var product);
                Fr.Add(acc, product, out acc);
            }
        }

        return acc;
    }
}
