using Microsoft.Extensions.Options;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Zkp.Api.Admission;
using Zkp.Api.Apis;
using Zkp.Api.Credentials;
using Zkp.Api.Email;
using Zkp.Api.Errors;
using Zkp.Api.Health;
using Zkp.Api.Infrastructure;
using Zkp.Api.Model;
using Zkp.Api.OpenApi;
using Zkp.Api.Options;
using Zkp.Api.Quotas;
using Zkp.Api.RateLimiting;
using Zkp.Api.Registry;
using Zkp.Api.Security;
using Zkp.Api.Verification;
using Zkp.Api.Webhooks;
using Zkp.Credentials.Verification;

namespace Zkp.Api.Extensions;

public static class ServiceRegistration
{
    /// <summary>Registers persistence, security, email, limits, errors, health checks and OpenAPI.</summary>
    public static WebApplicationBuilder AddZkpApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var dataDirectory = Path.GetFullPath(storage.DataDirectory);
        services.Configure<StorageOptions>(configuration.GetSection(StorageOptions.Section));
        services.Configure<JwtOptions>(configuration.GetSection(JwtOptions.Section));
        services.Configure<AccountOptions>(configuration.GetSection(AccountOptions.Section));
        services.Configure<RequestOptions>(configuration.GetSection(RequestOptions.Section));
        services.AddOptions<RateLimitOptions>()
            .Bind(configuration.GetSection(RateLimitOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddOptions<AdmissionOptions>()
            .Bind(configuration.GetSection(AdmissionOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdmissionOptions>, AdmissionOptionsValidator>();
        services.AddSingleton<VerificationAdmission>();
        services.Configure<PlanOptions>(configuration.GetSection(PlanOptions.Section));
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        services.PostConfigure<EmailOptions>(email =>
        {
            if (string.IsNullOrEmpty(email.SmtpHost) && string.IsNullOrEmpty(email.PickupDirectory))
            {
                email.PickupDirectory = Path.Combine(dataDirectory, "mail");
            }
        });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CompiledQueries>();

        AddPersistence(services, configuration, dataDirectory);

        services.AddDataProtection()
            .SetApplicationName("Zkp")
            .PersistKeysToFileSystem(new DirectoryInfo(storage.KeysDirectory is { Length: > 0 } keys ? Path.GetFullPath(keys) : Path.Combine(dataDirectory, "keys")));

        var jwt = configuration.GetSection(JwtOptions.Section).Get<JwtOptions>() ?? new JwtOptions();
        var signingKey = JwtSigningKey.Load(jwt, dataDirectory, builder.Environment.IsDevelopment());
        services.AddSingleton(signingKey);
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = "jwt-or-api-key";
                options.DefaultChallengeScheme = JwtBearerDefaults.AuthenticationScheme;
            })
            .AddPolicyScheme("jwt-or-api-key", "JWT bearer or X-API-Key", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName)
                        ? ApiKeyAuthenticationHandler.SchemeName
                        : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Issuer,
                    ValidAudience = jwt.Audience,
                    IssuerSigningKey = signingKey.Key,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    RequireExpirationTime = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = "sub",
                    RoleClaimType = "role",
                };
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(AuthorizationPolicies.Configure);

        services.AddScoped<IPasswordHasher<Account>, PasswordHasher<Account>>();
        services.AddScoped<TokenService>();
        services.AddScoped<AccountService>();
        services.AddScoped<TwoFactorService>();
        services.AddScoped<QuotaService>().AddSingleton<QuotaExhaustionMemo>();
        services.AddSingleton<VerificationMetrics>();
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<FixedWindowCounters>().AddSingleton<DatabaseWindowCounters>();
        services.AddSingleton<IRateLimitCounters>(provider =>
            provider.GetRequiredService<IOptions<RateLimitOptions>>().Value.Store == RateLimitOptions.DatabaseStore
                ? provider.GetRequiredService<DatabaseWindowCounters>()
                : provider.GetRequiredService<FixedWindowCounters>());
        services.Configure<RegistryOptions>(configuration.GetSection(RegistryOptions.Section));
        services.Configure<AdminOptions>(configuration.GetSection(AdminOptions.Section));
        services.AddSingleton<KeyVault>();
        services.AddScoped<IssuerService>().AddScoped<StatusListService>().AddScoped<MemberKeyService>().AddScoped<MemberAttributeService>().AddScoped<RegistrySeeder>();
        services.AddZkpWebhooks(configuration, builder.Environment);
        services.AddZkpCredentials(configuration, builder.Environment, dataDirectory);
        services.Configure<QrOptions>(configuration.GetSection(QrOptions.Section));
        services.AddSingleton<SignedStatusListCache>();
        services.AddScoped<QrTokenService>().AddScoped<VerifierInputs>().AddScoped<VerificationService>();
        services.Configure<VerificationOptions>(configuration.GetSection(VerificationOptions.Section));
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<VerificationOptions>>().Value;
            return new ProofVerifierChoice(options.BatchProofs
                ? new BatchingProofVerifier(
                    options.BatchLanes > 0 ? options.BatchLanes : Math.Max(1, Environment.ProcessorCount / 2),
                    Math.Max(1, options.MaxBatchSize))
                : null);
        });

        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.DictionaryKeyPolicy = null;
        });
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            context.ProblemDetails.Extensions.TryAdd("code", ProblemCodes.ForStatus(status));
            context.ProblemDetails.Detail ??= ProblemCodes.DetailForStatus(status);
            context.ProblemDetails.Extensions.Remove("traceId");
            context.ProblemDetails.Extensions.Remove("exception");
        });
        services.AddExceptionHandler<GlobalExceptionHandler>();

        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: ["ready"])
            .AddCheck<KeysReadyCheck>("keys", tags: ["ready"]);
        services.AddScoped<SchemaMigrator>();

        services.AddOpenApi(options =>
        {
            options.AddOperationTransformer<ExamplesOperationTransformer>();
            options.AddDocumentTransformer<SecuritySchemesTransformer>();
            options.AddOperationTransformer<SecuritySchemesTransformer>();
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Zkp API";
                document.Info.Description = "Accounts, authentication, API keys, quotas. Errors are application/problem+json with a stable 'code'.";
                return Task.CompletedTask;
            });
        });

        return builder;
    }

    /// <summary>
    /// Npgsql prepares a statement on the server after it ran a few times (<c>Max Auto Prepare</c>), so PostgreSQL stops
    /// parsing and planning the same few statements of every request. On unless the connection string sets the key
    /// (<c>Max Auto Prepare=0</c> turns it off, e.g. behind a pooler that cannot carry prepared statements).
    /// </summary>
    internal static string WithAutoPrepare(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        // Keys lists the keys the string sets, under their canonical names (synonyms such as MaxAutoPrepare map to
        // "Max Auto Prepare"); a value that merely contains the words, e.g. a password, does not count.
        if (!builder.Keys.Cast<string>().Contains("Max Auto Prepare", StringComparer.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
        }

        return builder.ConnectionString;
    }

    private static void AddPersistence(IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        // Pooled contexts with options built once: a plain AddDbContext builds the options (and parses the connection
        // string) for every request and creates a context from scratch, which profiling showed to be a visible share
        // of a verification's CPU. A returned context is reset by EF Core (change tracker, transaction, savepoint and
        // tracking settings), and ZkpDbContext keeps no state of its own.
        var postgres = configuration.GetConnectionString("Postgres");
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            var connectionString = WithAutoPrepare(postgres);
            services.AddDbContextPool<ZkpDbContext>(options => options.UseNpgsql(connectionString));
            return;
        }

        var sqlite = configuration.GetConnectionString("Sqlite");
        if (string.IsNullOrWhiteSpace(sqlite))
        {
            Directory.CreateDirectory(dataDirectory);
            sqlite = $"Data Source={Path.Combine(dataDirectory, "zkp.db")}";
        }

        services.AddDbContextPool<ZkpDbContext>(options => options.UseSqlite(sqlite));
    }
}
