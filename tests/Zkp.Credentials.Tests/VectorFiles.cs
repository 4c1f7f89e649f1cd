namespace Zkp.Credentials.Tests;

internal static class VectorFiles
{
    public static string PathOf(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "Vectors", .. parts]);

    public static string ReadText(params string[] parts) => File.ReadAllText(PathOf(parts));
}
