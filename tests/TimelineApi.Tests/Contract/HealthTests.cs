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
    public async Task TheRoot_SendsANewcomerToTheDocumentation()
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync("/");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/swagger", response.Headers.Location?.OriginalString);
    }
}
