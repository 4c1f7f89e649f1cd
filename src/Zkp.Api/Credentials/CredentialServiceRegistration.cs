using Zkp.Api.Options;

namespace Zkp.Api.Credentials;

public static class CredentialServiceRegistration
{
    /// <summary>The claim circuit's keys (loaded at start-up), issuance and its background worker.</summary>
    public static IServiceCollection AddZkpCredentials(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        services.Configure<ZkOptions>(configuration.GetSection(ZkOptions.Section));
        services.Configure<CredentialOptions>(configuration.GetSection(CredentialOptions.Section));

        // The embedded default is SQLite in the data directory with no connection string at all: a single-party key is
        // as good as anything there. Every other deployment must bring its key (or say it is Development or Testing).
        var embeddedDefault = string.IsNullOrWhiteSpace(configuration.GetConnectionString("Postgres"))
            && string.IsNullOrWhiteSpace(configuration.GetConnectionString("Sqlite"));
        var mayGenerate = environment.IsDevelopment() || environment.IsEnvironment("Testing") || embeddedDefault;
        services.AddSingleton(_ => ClaimKeys.Load(configuration[$"{ZkOptions.Section}:{nameof(ZkOptions.ProvingKeyPath)}"], dataDirectory, mayGenerate));
        services.AddScoped<CredentialIssuanceService>();
        services.AddScoped<CredentialRevocationService>();
        services.AddSingleton<IssuanceWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<IssuanceWorker>());
        return services;
    }
}
