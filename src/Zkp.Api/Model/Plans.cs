namespace Zkp.Api.Model;

public static class Plans
{
    public const string Free = "free";
    public const string Standard = "standard";
    public const string Enterprise = "enterprise";
}
