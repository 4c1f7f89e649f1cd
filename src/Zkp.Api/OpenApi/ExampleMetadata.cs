using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Zkp.Api.OpenApi;

/// <summary>Endpoint metadata carrying JSON examples for the OpenAPI document.</summary>
public sealed record OpenApiExamples(string? Request, IReadOnlyDictionary<int, string> Responses);

public static class OpenApiExampleConventions
{
    /// <summary>Attaches a request example and response examples by status code (JSON text).</summary>
    public static RouteHandlerBuilder WithExamples(this RouteHandlerBuilder builder, string? request, params (int Status, string Json)[] responses) =>
        builder.WithMetadata(new OpenApiExamples(request, responses.ToDictionary(r => r.Status, r => r.Json)));
}

/// <summary>Copies <see cref="OpenApiExamples"/> into the operation's request body and responses.</summary>
public sealed class ExamplesOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var examples = context.Description.ActionDescriptor.EndpointMetadata.OfType<OpenApiExamples>().FirstOrDefault();
        if (examples is null)
        {
            return Task.CompletedTask;
        }

        if (examples.Request is not null && operation.RequestBody?.Content is { } requestContent)
        {
            foreach (var media in requestContent.Values)
            {
                media.Example = JsonNode.Parse(examples.Request);
            }
        }

        foreach (var (status, json) in examples.Responses)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses is not null && operation.Responses.TryGetValue(key, out var response) && response.Content is { } content)
            {
                foreach (var media in content.Values)
                {
                    media.Example = JsonNode.Parse(json);
                }
            }
        }

        return Task.CompletedTask;
    }
}
