using System.Net;
using System.Net.Http.Json;
using Dapper;
using TimelineApi.Data;
using TimelineApi.Health;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Contract;

public sealed class HealthTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    [Fact]
    public async Task Health_WithTheDatabaseReachable_Answers200WithTheSchemaVersion()
    {
        var health = await app.CreateClient().GetAsync<HealthResponse>("/health");
        Assert.Equal("healthy", health.Status);
        Assert.True(health.SchemaVersion >= 1);
    }

    [Fact]
    public async Task Liveness_AndReadiness_AnswerApart_NeverCached()
    {
        var client = app.CreateClient();
        using var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("alive", (await live.Content.ReadFromJsonAsync<LivenessResponse>(Api.Json))!.Status);
        Assert.Null(live.Headers.ETag);

        var ready = await client.GetAsync<HealthResponse>("/health/ready");
        Assert.Equal(("ready", SchemaMigrator.LatestVersion(TestStore.Provider)), (ready.Status, ready.SchemaVersion));
    }

    [Fact]
    public async Task Readiness_WithTheSchemaBehindTheBuild_Answers503WithRetryAfter_ThenReadyAgain_WhileAliveThroughout()
    {
        await using var own = new TimelineApiFactory();
        var client = own.CreateClient();
        var latest = SchemaMigrator.LatestVersion(TestStore.Provider);
        await SetSchemaVersionAsync(own, latest - 1); // as a database is before a newer replica's migrations run

        using var notReady = await client.GetAsync("/health/ready");
        var problem = await notReady.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains($"this build needs {latest}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(notReady.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        await SetSchemaVersionAsync(own, latest);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    private static async Task SetSchemaVersionAsync(TimelineApiFactory factory, long version)
    {
        await using var connection = await factory.OpenDatabaseAsync();
        await connection.ExecuteAsync(TestStore.IsPostgres ? $"UPDATE schema_version SET version = {version};" : $"PRAGMA user_version = {version};");
    }

    [Fact]
    public async Task TheRoot_OpensTheDashboard_WhichLinksToTheDocumentation()
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync("/");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("href=\"/swagger\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }
}
