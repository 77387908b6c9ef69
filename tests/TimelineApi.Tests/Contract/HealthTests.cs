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
