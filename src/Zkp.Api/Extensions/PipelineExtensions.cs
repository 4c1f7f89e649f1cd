using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Zkp.Api.Admission;
using Zkp.Api.Apis;
using Zkp.Api.Credentials;
using Zkp.Api.Errors;
using Zkp.Api.Infrastructure;
using Zkp.Api.RateLimiting;
using Zkp.Api.Registry;

namespace Zkp.Api.Extensions;

public static class PipelineExtensions
{
    /// <summary>Applies pending schema versions before the server accepts requests.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The claim circuit's keys first: a missing or foreign proving key stops the start before anything is written.
        app.Services.GetRequiredService<ClaimKeys>();
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SchemaMigrator>().MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<RegistrySeeder>().SeedAsync();
    }

    public static WebApplication UseZkpApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseAuthorization();
        app.UseMiddleware<AdmissionMiddleware>();

        app.MapOpenApi();
        if (app.Environment.IsDevelopment())
        {
            app.UseSwaggerUI(options => options.SwaggerEndpoint("/openapi/v1.json", "Zkp API v1"));
        }

        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (context, _) => context.Response.WriteAsync("{\"status\":\"ok\"}"),
        }).WithTags("Health");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = WriteReadinessAsync,
        }).WithTags("Health");

        var api = app.MapGroup("/api/v1");
        api.MapMemberAuthApi();
        api.MapLenderApi();
        api.MapEmailApi();
        api.MapPasswordResetApi();
        api.MapTokenApi();
        api.MapTwoFactorApi();
        api.MapAnalyticsApi();
        api.MapIssuersApi();
        api.MapTrustRegistryApi();
        api.MapMemberAttributesApi();
        api.MapWalletApi();
        api.MapStatusListsApi();
        api.MapWebhooksApi();
        api.MapCredentialsApi();
        api.MapQrApi();
        api.MapVerifyApi();
        return app;
    }

    private static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new Dictionary<string, object>
        {
            ["status"] = report.Status == HealthStatus.Healthy ? "ready" : "unavailable",
            ["checks"] = report.Entries.ToDictionary(e => e.Key, e => new Dictionary<string, string?>
            {
                ["status"] = e.Value.Status.ToString().ToLowerInvariant(),
                ["description"] = e.Value.Description,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
