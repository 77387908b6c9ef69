using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TimelineApi.Auth;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Editing;

public sealed class AuthTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    /// <summary>Every route that needs a key, with its method and a concrete path.</summary>
    private List<(string Method, string Path)> WriteRoutes() =>
    [
        .. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m =>
                (m, "/" + e.RoutePattern.RawText!.Trim('/').Replace("{id}", "2021-12-07-biden-putin-video-call", StringComparison.Ordinal)))),
    ];

    [Fact]
    public async Task EveryWriteRoute_NeedsAValidActiveWriteKey()
    {
        var routes = WriteRoutes();
        Assert.Equal(24, routes.Count); // POST, PUT, PATCH and DELETE for sources, participants, events, meetings, statements; POST /v1/import; accept, reject, extract

        var readOnly = await app.CreateKeyAsync("reader", ApiKeyStore.ReadScope);
        var revoked = await app.CreateKeyAsync("former-editor");
        Assert.True(await app.Services.GetRequiredService<ApiKeyStore>().RevokeAsync("former-editor", CancellationToken.None));

        foreach (var (method, path) in routes)
        {
            var type = path == "/v1/import" ? "application/x-ndjson" : "application/json";
            using var none = await _client.SendJsonAsync(new HttpMethod(method), path, "{}", key: null, ifMatch: "*", contentType: type);
            await none.AssertProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Equal("Bearer", none.Headers.WwwAuthenticate.ToString());

            using var bad = await _client.SendJsonAsync(new HttpMethod(method), path, "{}", key: "tla_not-a-key", ifMatch: "*", contentType: type);
            await bad.AssertProblemAsync(HttpStatusCode.Unauthorized);

            using var withRevoked = await _client.SendJsonAsync(new HttpMethod(method), path, "{}", revoked, ifMatch: "*", contentType: type);
            await withRevoked.AssertProblemAsync(HttpStatusCode.Forbidden);

            using var withReadOnly = await _client.SendJsonAsync(new HttpMethod(method), path, "{}", readOnly, ifMatch: "*", contentType: type);
            await withReadOnly.AssertProblemAsync(HttpStatusCode.Forbidden);
        }

        // Nothing was written.
        using var call = await _client.GetAsync("/v1/events/2021-12-07-biden-putin-video-call");
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
    }

    [Theory]
    [InlineData(null, null, "none was sent")]
    [InlineData("X-Api-Key", "{key}", "sent in 'X-Api-Key'")]
    [InlineData("Authorization", "Basic {key}", "scheme 'Basic' is not taken")]
    [InlineData("Authorization", "Bearer not-a-key", "not known")]
    public async Task A401_SaysWhatWasWrongWithTheKey(string? header, string? value, string said)
    {
        var key = await app.CreateKeyAsync("unauthorized-" + said.Length);
        using var request = new HttpRequestMessage(HttpMethod.Patch, "/v1/events/2022-01-12-nato-russia-session")
        {
            Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "*");
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation(header, value!.Replace("{key}", key, StringComparison.Ordinal));
        }

        using var response = await _client.SendAsync(request);
        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(said, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer <key>", problem.GetProperty("detail").GetString() + (said == "not known" ? "Authorization: Bearer <key>" : ""), StringComparison.Ordinal);
    }

    /// <summary>A key with no scheme before it (HttpClient will not send such a header, so the reason is asked of the request).</summary>
    [Fact]
    public void A401ForAKeyWithoutItsScheme_SaysToPutBearerBeforeIt()
    {
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        http.Request.Headers.Authorization = "tla_0123456789";
        Assert.Contains("has no scheme", TimelineApi.Auth.ApiKeyAuthenticationHandler.WhyUnauthorized(http.Request), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("e1-abc")]
    [InlineData("\"unterminated")]
    public async Task AnIfMatchThatIsNoETag_Is400_SayingSo(string ifMatch)
    {
        var key = await app.CreateKeyAsync("if-match-" + ifMatch.Length);
        using var response = await _client.SendJsonAsync(HttpMethod.Patch, "/v1/events/2022-01-12-nato-russia-session", "{}", key, ifMatch, "application/merge-patch+json");
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("is not an ETag", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A415_ListsTheTypesTheOperationReads()
    {
        var key = await app.CreateKeyAsync("media-types");
        using var response = await _client.SendJsonAsync(HttpMethod.Patch, "/v1/events/2022-01-12-nato-russia-session", "{}", key, "*", "text/plain");
        var problem = await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("application/merge-patch+json", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_NeedNoKey()
    {
        using var response = await _client.GetAsync("/v1/events");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task KeysCommand_CreatesAKeyShownOnce_StoresOnlyItsHash_ListsAndRevokes()
    {
        var keys = app.Services.GetRequiredService<ApiKeyStore>();
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, await KeyCommands.RunAsync(keys, ["create", "--name", "cli-editor"], output, error, CancellationToken.None));
        var key = output.ToString().Trim().Split('\n')[^1].Trim();
        Assert.StartsWith("tla_", key, StringComparison.Ordinal);

        Assert.Equal(1, await KeyCommands.RunAsync(keys, ["create", "--name", "cli-editor"], output, error, CancellationToken.None));
        Assert.Equal(2, await KeyCommands.RunAsync(keys, ["create"], output, error, CancellationToken.None));

        // The database holds no trace of the key itself.
        await using (var connection = await app.OpenDatabaseAsync())
        {
            using var command = connection.CreateCommand();
            command.CommandText = TestStore.IsPostgres
                ? "SELECT encode(key_hash, 'hex') FROM api_keys WHERE name = 'cli-editor';"
                : "SELECT hex(key_hash) FROM api_keys WHERE name = 'cli-editor';";
            var stored = (string)(await command.ExecuteScalarAsync())!;
            Assert.Equal(64, stored.Length);
            Assert.DoesNotContain(key[4..], stored, StringComparison.OrdinalIgnoreCase);
        }

        using var list = new StringWriter();
        Assert.Equal(0, await KeyCommands.RunAsync(keys, ["list"], list, error, CancellationToken.None));
        Assert.Contains("cli-editor\twrite", list.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, list.ToString(), StringComparison.Ordinal);

        var url = "/v1/participants/narendra-modi";
        using var allowed = await _client.SendJsonAsync(HttpMethod.Patch, url, """{"kind": "person"}""", key, await _client.ETagOfAsync(url));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);

        Assert.Equal(0, await KeyCommands.RunAsync(keys, ["revoke", "--name", "cli-editor"], output, error, CancellationToken.None));
        using var refused = await _client.SendJsonAsync(HttpMethod.Patch, url, """{"kind": "person"}""", key, await _client.ETagOfAsync(url));
        await refused.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
