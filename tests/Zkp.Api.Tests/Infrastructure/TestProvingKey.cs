using Zkp.Api.Credentials;

namespace Zkp.Api.Tests;

/// <summary>
/// One claim-circuit proving key per test run, generated on first use into a temporary file that every test host
/// is configured with (<c>Zk:ProvingKeyPath</c>), so hosts do not each run a setup.
/// </summary>
public static class TestProvingKey
{
    private static readonly Lazy<string> Generated = new(() =>
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "zkp-api-tests-key-" + Guid.NewGuid().ToString("N")[..12]);
        var path = System.IO.Path.Combine(directory, ClaimKeys.GeneratedKeyFileName);
        ClaimKeys.GenerateInto(path);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return path;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => Generated.Value;
}
