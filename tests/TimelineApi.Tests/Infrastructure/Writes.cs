using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using TimelineApi.Auth;

namespace TimelineApi.Tests.Infrastructure;

/// <summary>Helpers for the write API: keys, authenticated JSON requests, current ETags.</summary>
public static class Writes
{
    public static async Task<string> CreateKeyAsync(this Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string name, string scope = ApiKeyStore.WriteScope)
        => (await app.Services.GetRequiredService<ApiKeyStore>().CreateAsync(name, scope, CancellationToken.None))!;

    public static Task<HttpResponseMessage> SendJsonAsync(
        this HttpClient client, HttpMethod method, string url, string? json, string? key, string? ifMatch = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, contentType);
        }

        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static async Task<string> ETagOfAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.Tag;
    }
}
