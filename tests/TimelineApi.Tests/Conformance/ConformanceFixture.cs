using System.Text.Json.Nodes;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Conformance;

/// <summary>A seeded app (response cache off) with suggestions waiting, its contract, and the ids and names the seed holds.</summary>
public sealed class ConformanceFixture : IAsyncLifetime
{
    // Its suites send thousands of requests, more than a client's limit per minute: the limits are tested elsewhere.
    public TimelineApiFactory App { get; } = TimelineApiFactory.WithoutRateLimits();

    public HttpClient Client { get; private set; } = null!;

    public string Key { get; private set; } = null!;

    public ContractDocument Contract { get; } = new();

    /// <summary>Ids per collection path (<c>/v1/events</c>), each with one id that does not exist.</summary>
    public Dictionary<string, string[]> Ids { get; } = new(StringComparer.Ordinal);

    /// <summary>Names, aliases and ids of participants, as a user would type them.</summary>
    public string[] ParticipantNames { get; private set; } = [];

    public string[] Topics { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Client = App.CreateClient();
        Key = await App.CreateKeyAsync("conformance");
        using (var extracted = await Client.SendJsonAsync(HttpMethod.Post, "/v1/sources/2021-12-12-putin-biden-agreed-to-hold-more-talks/extract", null, Key))
        {
            extracted.EnsureSuccessStatusCode();
        }

        foreach (var collection in new[] { "/v1/events", "/v1/meetings", "/v1/participants", "/v1/statements", "/v1/sources", "/v1/suggestions" })
        {
            var items = JsonNode.Parse(await Client.GetStringAsync(collection + "?limit=500"))!["items"]!.AsArray();
            Ids[collection] = [.. items.Select(i => (string)i!["id"]!), "no-such-id"];
        }

        var participants = JsonNode.Parse(await Client.GetStringAsync("/v1/participants?limit=500"))!["items"]!.AsArray();
        ParticipantNames = [.. participants.SelectMany(p => new[] { (string)p!["id"]!, (string)p["name"]! }
            .Concat(p["aliases"]!.AsArray().Select(a => (string)a!["name"]!))).Distinct()];
        var events = JsonNode.Parse(await Client.GetStringAsync("/v1/events?limit=500"))!["items"]!.AsArray();
        Topics = [.. events.SelectMany(e => e!["topics"]!.AsArray().Select(t => (string)t!)).Distinct()];
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
