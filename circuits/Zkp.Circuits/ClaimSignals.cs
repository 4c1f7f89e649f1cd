namespace Zkp.Circuits;

/// <summary>Signal names of the claim circuit, as used in <c>input.json</c> and solver inputs.</summary>
public static class ClaimSignals
{
    public const string Commitment = "commitment";
    public const string Lower = "lower";
    public const string Upper = "upper";
    public const string Binding = "binding";
    public const string Value = "value";
    public const string Salt = "salt";

    /// <summary>The public signals in circuit (and public.json) order.</summary>
    public static IReadOnlyList<string> PublicOrder { get; } = [Commitment, Lower, Upper, Binding];
}
