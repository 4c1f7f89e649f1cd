namespace Zkp.Zk.Constraints;

/// <summary>
/// A rank-1 constraint &lt;A, w&gt; * &lt;B, w&gt; = &lt;C, w&gt; over the witness w. Each side is a
/// linear combination with terms sorted by wire and no zero coefficients.
/// </summary>
public sealed class R1csConstraint
{
    public R1csConstraint(R1csTerm[] a, R1csTerm[] b, R1csTerm[] c)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        A = a;
        B = b;
        C = c;
    }

    public IReadOnlyList<R1csTerm> A { get; }

    public IReadOnlyList<R1csTerm> B { get; }

    public IReadOnlyList<R1csTerm> C { get; }

    internal R1csTerm[] ATerms => (R1csTerm[])A;

    internal R1csTerm[] BTerms => (R1csTerm[])B;

    internal R1csTerm[] CTerms => (R1csTerm[])C;
}
