using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Zkp.Api.Errors;
using Zkp.Api.OpenApi;
using Zkp.Api.Options;
using Zkp.Api.Registry;

namespace Zkp.Api.Apis;

/// <summary>Public, cacheable Bitstring Status List credentials, so external verifiers can check revocation.</summary>
public static class StatusListsApi
{
    public const string CredentialMediaType = "application/vc+ld+json";

    public static RouteGroupBuilder MapStatusListsApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/status-lists/{id:guid}", GetAsync)
            .WithTags("Status lists")
            .AllowAnonymous()
            .WithSummary("The issuer-signed (eddsa-jcs-2022) BitstringStatusListCredential. Public; ETag + Cache-Control; 304 on If-None-Match.")
            .WithExamples(null, (200, """{"@context":["https://www.w3.org/ns/credentials/v2"],"id":"https://api.example/api/v1/status-lists/550e8400-e29b-41d4-a716-446655440000","type":["VerifiableCredential","BitstringStatusListCredential"],"issuer":"did:key:z6Mk...","validFrom":"2026-11-22T04:00:00Z","credentialSubject":{"id":"...#list","type":"BitstringStatusList","statusPurpose":"revocation","encodedList":"uH4sI..."},"proof":{"type":"DataIntegrityProof","cryptosuite":"eddsa-jcs-2022","...":"..."}}"""));
        return api;
    }

    internal static async Task<IResult> GetAsync(Guid id, HttpContext context, StatusListService lists, IOptions<RegistryOptions> options, CancellationToken cancellationToken)
    {
        var signed = await lists.GetSignedAsync(id, cancellationToken);
        if (signed is null)
        {
            return Problems.Create(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "No status list has this id.");
        }

        var headers = context.Response.Headers;
        headers.ETag = signed.ETag;
        headers.CacheControl = "public, max-age=" + options.Value.StatusListMaxAgeSeconds.ToString(CultureInfo.InvariantCulture);
        var ifNoneMatch = context.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(new EntityTagHeaderValue(signed.ETag), useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(signed.Json, CredentialMediaType);
    }
}
