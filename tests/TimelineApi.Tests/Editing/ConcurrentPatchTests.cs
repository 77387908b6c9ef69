using System.Net;
using System.Text.Json;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Editing;

/// <summary>A merge patch reads the record it merges into inside its write transaction: concurrent patches of different members both land.</summary>
public sealed class ConcurrentPatchTests() : WriterTestBase("patcher")
{
    [Fact]
    public async Task ConcurrentPatchesOfDifferentMembers_WithIfMatchAny_LoseNothing()
    {
        const string Url = "/v1/events/2021-06-16-biden-putin-geneva-summit";
        for (var round = 0; round < 25; round++)
        {
            var patches = await Task.WhenAll(
                Client.SendJsonAsync(HttpMethod.Patch, Url, $$"""{"location": "Geneva {{round}}"}""", Key, "*", "application/merge-patch+json"),
                Client.SendJsonAsync(HttpMethod.Patch, Url, $$"""{"durationMinutes": {{200 + round}}}""", Key, "*", "application/merge-patch+json"),
                Client.SendJsonAsync(HttpMethod.Patch, Url, $$"""{"dateNote": "Round {{round}}"}""", Key, "*", "application/merge-patch+json"));
            Assert.All(patches, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
            foreach (var patch in patches)
            {
                patch.Dispose();
            }

            var after = JsonDocument.Parse(await Client.GetStringAsync(Url)).RootElement;
            Assert.Equal($"Geneva {round}", after.GetProperty("location").GetString());
            Assert.Equal(200 + round, after.GetProperty("durationMinutes").GetInt32());
            Assert.Equal($"Round {round}", after.GetProperty("dateNote").GetString());
        }
    }
}
