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
}
