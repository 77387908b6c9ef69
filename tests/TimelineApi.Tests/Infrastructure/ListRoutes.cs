namespace TimelineApi.Tests.Infrastructure;

/// <summary>
/// One list operation of the API: where it is, a query that selects nothing, a query that selects
/// several items of the seed (<see cref="ListRouteFixture"/> adds the suggestions), another filter, and
/// the member that tells its items apart.
/// </summary>
public sealed record ListRoute(string OperationId, string Path, string? EmptyQuery, string ManyQuery, string OtherFilter, string KeyColumn = "id")
{
    public string Url(string query, params string[] more)
        => Path + "?" + string.Join('&', new[] { query }.Concat(more).Where(q => q.Length > 0));

    public override string ToString() => OperationId;
}

/// <summary>Every list route of the API; a test checks it against the served OpenAPI document, so a new list must join it.</summary>
public static class ListRoutes
{
    public static readonly ListRoute[] All =
    [
        new("ListEvents", "/v1/events", "from=2030-01", "", "kind=call"),
        new("ListMeetings", "/v1/meetings", "from=2030-01", "", "kind=call"),
        new("GetMeetingHistory", "/v1/meetings/2021-12-07-biden-putin-video-call/history", null, "", "asOf=2021-12-31", "reportedOn"),
        new("ListParticipants", "/v1/participants", "name=zzzz", "", "kind=person"),
        new("ListParticipantCounterparts", "/v1/participants/vladimir-putin/counterparts", "from=2030-01", "", "kind=call"),
        new("ListParticipantEvents", "/v1/participants/vladimir-putin/events", "from=2030-01", "", "kind=call"),
        new("ListParticipantStatements", "/v1/participants/yuri-ushakov/statements", "from=2030-01", "", "from=2021-12-08"),
        new("ListStatements", "/v1/statements", "from=2030-01", "", "participant=ushakov"),
        new("ListSources", "/v1/sources", "from=2030-01", "", "from=2021-12-08"),
        new("GetTimeline", "/v1/timeline", "from=2030-01", "", "participant=putin"),
        new("Search", "/v1/search", "q=zzzzqqq", "q=putin", "q=biden"),
        new("ListChanges", "/v1/changes", "since=999999999", "", "resource=events", "seq"),
        new("ListSuggestions", "/v1/suggestions", "status=accepted", "", "kind=statement"),
    ];

    public static TheoryData<ListRoute> Theory()
    {
        var data = new TheoryData<ListRoute>();
        foreach (var route in All)
        {
            data.Add(route);
        }

        return data;
    }
}

/// <summary>A seeded app with suggestions proposed for one source, so every list has items; response cache off.</summary>
public sealed class ListRouteFixture : IAsyncLifetime
{
    public TimelineApiFactory App { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Client = App.CreateClient();
        var key = await App.CreateKeyAsync("lists");
        using var extracted = await Client.SendJsonAsync(
            HttpMethod.Post, "/v1/sources/2021-12-12-putin-biden-agreed-to-hold-more-talks/extract", null, key);
        extracted.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
