using Microsoft.Extensions.Options;
using Zkp.Api.Options;

namespace Zkp.Api.Webhooks;

public static class WebhookServiceRegistration
{
    /// <summary>Subscriptions' URL policy, the outbox producers write to, and the background dispatcher.</summary>
    public static IServiceCollection AddZkpWebhooks(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.PostConfigure<WebhookOptions>(options => options.AllowDevelopmentUrls ??= environment.IsDevelopment());
        services.AddSingleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.AddOptions<WebhookOptions>().ValidateOnStart();
        services.AddSingleton<WebhookUrlPolicy>();
        services.AddSingleton<IWebhookEventPublisher, WebhookOutbox>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookDispatcher>());
        return services;
    }
}
