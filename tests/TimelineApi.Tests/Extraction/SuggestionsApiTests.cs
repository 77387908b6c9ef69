using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TimelineApi.Events;
using TimelineApi.Participants;
using TimelineApi.Sources;
using TimelineApi.Statements;
using TimelineApi.Suggestions;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Extraction;

public sealed class SuggestionsApiTests : WriterTestBase
{
    /// <summary>A new report on the Geneva talks, as a page gives it: headline, date line, report, debris.</summary>
    private const string Report = """
        Geneva talks end without agreement
        Published : 10 Jan 2022 06:00 PM
        Russian and US diplomats ended the January 9 and 10 security talks in Geneva between Russia and United States on Monday. "We had a difficult conversation," Kremlin spokesman Dmitry Peskov said. Deputy Foreign Minister Sergei Ryabkov, who led the Russian delegation, said: "There is no progress."
        This website uses cookies.
        """;

    private Task<HttpResponseMessage> PostAsync(string url, string? body, string contentType = "application/json")
        => Client.SendJsonAsync(HttpMethod.Post, url, body, Key, contentType: contentType);

    private async Task<(string Id, List<SuggestionResponse> Suggestions)> PostReportAsync()
    {
        using var created = await PostAsync("/v1/sources", Report, "text/plain");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var source = (await created.Content.ReadFromJsonAsync<SourceResponse>(Api.Json))!;
        Assert.Equal($"</v1/suggestions?source={source.Id}>; rel=\"suggestions\"", created.Headers.GetValues("Link").Single());
        return (source.Id, await Client.GetAllPagesAsync<SuggestionResponse>($"/v1/suggestions?source={source.Id}&limit=5"));
    }

    private async Task<SuggestionResponse> DecideAsync(string id, string decision, string? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await PostAsync($"/v1/suggestions/{id}/{decision}", body);
        Assert.True(expected == response.StatusCode, await response.Content.ReadAsStringAsync());
        return expected == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<SuggestionResponse>(Api.Json))! : null!;
    }

    [Fact]
    public async Task PlainTextReport_IsStoredWithItsPrintedTitleAndDate_AndItsProposalsAreSuggestions()
    {
        var (id, suggestions) = await PostReportAsync();

        Assert.Equal("2022-01-10-geneva-talks-end-without-agreement", id);
        var source = await Client.GetAsync<SourceResponse>($"/v1/sources/{id}");
        Assert.Equal(("Geneva talks end without agreement", "2022-01-10"), (source.Title, source.PublishedAt));

        var statements = suggestions.Where(s => s.Kind == "statement").ToList();
        Assert.Equal(["We had a difficult conversation,", "There is no progress."], statements.Select(s => s.Proposal.GetProperty("text").GetString()));
        Assert.Equal("dmitry-peskov", statements[0].Proposal.GetProperty("speaker").GetString());
        Assert.Equal(JsonValueKind.Null, statements[1].Proposal.GetProperty("speaker").ValueKind);
        Assert.Equal("Sergei Ryabkov", statements[1].Proposal.GetProperty("speakerText").GetString());
        foreach (var e in suggestions.SelectMany(s => s.Evidence))
        {
            Assert.Equal(e.Text, source.Text[e.Start..e.End]);
        }

        var ryabkov = Assert.Single(suggestions, s => s.Kind == "participant" && !s.Proposal.GetProperty("known").GetBoolean());
        Assert.Equal("Sergei Ryabkov", ryabkov.Proposal.GetProperty("name").GetString());
        Assert.All(suggestions, s => Assert.Equal("pending", s.Status));
        Assert.DoesNotContain(suggestions, s => s.Evidence.Any(e => e.Text.Contains("cookies", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AcceptingAStatement_WritesIt_RecordsTheChange_AndCannotBeRepeated()
    {
        var (id, suggestions) = await PostReportAsync();
        var peskov = suggestions.First(s => s.Kind == "statement");

        var accepted = await DecideAsync(peskov.Id, "accept");

        Assert.Equal(("accepted", "editor"), (accepted.Status, accepted.DecidedBy));
        var record = Assert.Single(accepted.Records!);
        var statement = await Client.GetAsync<StatementResponse>($"/v1/statements/{record.Id}");
        Assert.Equal(("dmitry-peskov", "We had a difficult conversation,", id), (statement.Speaker.Id, statement.Text, statement.Source));
        using var feed = await Client.GetAsync("/v1/changes?resource=statement&limit=500");
        Assert.Contains(record.Id, await feed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await DecideAsync(peskov.Id, "accept", expected: HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AQuoteBySomeoneNotYetAParticipant_WaitsForThatParticipant()
    {
        var (_, suggestions) = await PostReportAsync();
        var quote = suggestions.Last(s => s.Kind == "statement");
        using (var refused = await PostAsync($"/v1/suggestions/{quote.Id}/accept", null))
        {
            var problem = await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);
            Assert.Contains("Sergei Ryabkov", problem.GetProperty("errors").GetProperty("speaker")[0].GetString(), StringComparison.Ordinal);
        }

        var person = await DecideAsync(suggestions.Single(s => s.Kind == "participant" && s.Summary.Contains("Ryabkov", StringComparison.Ordinal)).Id, "accept");
        var created = await Client.GetAsync<ParticipantResponse>($"/v1/participants/{person.Records![0].Id}");
        Assert.Equal(("Sergei Ryabkov", "Deputy Foreign Minister"), (created.Name, Assert.Single(created.Roles).Title));

        var accepted = await DecideAsync(quote.Id, "accept");
        Assert.Equal("sergei-ryabkov", (await Client.GetAsync<StatementResponse>($"/v1/statements/{accepted.Records![0].Id}")).Speaker.Id);
    }

    [Fact]
    public async Task AcceptingAnEventTheTimelineHas_MergesIntoIt_InsteadOfDuplicating()
    {
        var (id, suggestions) = await PostReportAsync();
        var before = (await Client.GetAllPagesAsync<EventResponse>("/v1/events?limit=100")).Count;
        var talks = suggestions.Single(s => s.Kind == "event" && s.Proposal.GetProperty("start").GetString() == "2022-01-09");

        var accepted = await DecideAsync(talks.Id, "accept");

        Assert.Equal("2022-01-09-us-russia-geneva-security-talks", Assert.Single(accepted.Records!).Id);
        Assert.Equal(before, (await Client.GetAllPagesAsync<EventResponse>("/v1/events?limit=100")).Count);
        var merged = await Client.GetAsync<EventResponse>("/v1/events/2022-01-09-us-russia-geneva-security-talks");
        Assert.Contains(id, merged.Sources);
        Assert.Equal("held", merged.Status);
        using var history = await Client.GetAsync("/v1/meetings/2022-01-09-us-russia-geneva-security-talks/history");
        Assert.Contains(id, await history.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEventCorrectedOnAcceptance_IsWrittenAsCorrected_AndItsHistorySaysSo()
    {
        var (id, suggestions) = await PostReportAsync();
        var talks = suggestions.Single(s => s.Kind == "event" && s.Proposal.GetProperty("start").GetString() == "2022-01-09");

        var accepted = await DecideAsync(talks.Id, "accept", """
            {"id": "geneva-talks-as-corrected", "title": "Geneva talks, as corrected", "status": "postponed", "start": "2022-02-03",
             "participants": ["sergei-ryabkov-unknown", "russia"]}
            """, HttpStatusCode.UnprocessableEntity);
        Assert.Null(accepted);
        using (var refused = await PostAsync($"/v1/suggestions/{talks.Id}/accept", """{"participants": ["nobody-known"], "date": "2022-01-10"}"""))
        {
            var errors = (await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors");
            Assert.True(errors.TryGetProperty("date", out _), errors.GetRawText());
        }

        accepted = await DecideAsync(talks.Id, "accept", """
            {"id": "geneva-talks-as-corrected", "title": "Geneva talks, as corrected", "status": "postponed", "start": "2022-02-03", "participants": ["russia", "united-states"]}
            """);

        var written = await Client.GetAsync<EventResponse>($"/v1/events/{Assert.Single(accepted.Records!).Id}");
        Assert.Equal(("geneva-talks-as-corrected", "Geneva talks, as corrected", "postponed", "2022-02-03", null, "day", false, null),
            (written.Id, written.Title, written.Status, written.Start, written.End, written.DatePrecision, written.DateInferred, written.DateNote));
        Assert.Equal(["russia", "united-states"], written.Participants.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Equal([id], written.Sources);
        using var history = await Client.GetAsync($"/v1/meetings/{written.Id}/history");
        Assert.Contains("corrected on acceptance", await history.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuoteCorrectedOnAcceptance_TakesTheEditorsDay()
    {
        var (_, suggestions) = await PostReportAsync();
        var peskov = suggestions.First(s => s.Kind == "statement");
        using (var refused = await PostAsync($"/v1/suggestions/{peskov.Id}/accept", """{"date": "10 January"}"""))
        {
            Assert.True((await refused.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("date", out _));
        }

        using (var stray = await PostAsync($"/v1/suggestions/{peskov.Id}/accept", """{"title": "A quote has no title"}"""))
        {
            Assert.True((await stray.AssertProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors").TryGetProperty("title", out _));
        }

        var accepted = await DecideAsync(peskov.Id, "accept", """{"date": "2022-01-09"}""");

        var statement = await Client.GetAsync<StatementResponse>($"/v1/statements/{accepted.Records![0].Id}");
        Assert.Equal(("2022-01-09", false), (statement.Date, statement.DateInferred));
    }

    [Fact]
    public async Task AcceptingAKnownParticipant_AddsTheNewTitle_CitedToTheSource()
    {
        var (id, suggestions) = await PostReportAsync();
        var peskov = suggestions.Single(s => s.Kind == "participant" && s.Proposal.GetProperty("id").GetString() == "dmitry-peskov");

        await DecideAsync(peskov.Id, "accept");

        var participant = await Client.GetAsync<ParticipantResponse>("/v1/participants/dmitry-peskov");
        Assert.Equal(2, participant.Roles.Count(r => r.Title == "Kremlin spokesman"));
        Assert.Contains(participant.Roles, r => r.Title == "Kremlin spokesman" && r.Source == id);
    }

    [Fact]
    public async Task RejectedSuggestions_StayRejected_WhenTheSourceIsExtractedAgain()
    {
        var (id, suggestions) = await PostReportAsync();
        Assert.Equal("pending", (await Client.GetAsync<SuggestionResponse>($"/v1/suggestions/{suggestions[0].Id}")).Status);
        var rejected = await DecideAsync(suggestions[0].Id, "reject");

        // A decision writes no record, yet moves the data version: the answer cached before it is not served again.
        Assert.Equal("rejected", (await Client.GetAsync<SuggestionResponse>($"/v1/suggestions/{suggestions[0].Id}")).Status);
        Assert.Equal(("rejected", 0), (rejected.Status, rejected.Records!.Count));

        using var again = await PostAsync($"/v1/sources/{id}/extract", null);
        var result = (await again.Content.ReadFromJsonAsync<ExtractionResponse>(Api.Json))!;

        Assert.Equal(0, result.Created);
        Assert.Equal(suggestions.Count, result.Suggestions.Count);
        Assert.Equal("rejected", result.Suggestions.Single(s => s.Id == suggestions[0].Id).Status);
        Assert.Single(await Client.GetAllPagesAsync<SuggestionResponse>("/v1/suggestions?status=rejected"));
    }

    [Fact]
    public async Task ASeededSource_CanBeExtracted_AndItsQuotesAreAlreadyRecorded()
    {
        using var response = await PostAsync("/v1/sources/2021-12-12-putin-biden-agreed-to-hold-more-talks/extract", null);
        var result = (await response.Content.ReadFromJsonAsync<ExtractionResponse>(Api.Json))!;
        var peskov = result.Suggestions.Single(s => s.Kind == "statement" && s.Proposal.GetProperty("speaker").GetString() == "dmitry-peskov");

        var accepted = await DecideAsync(peskov.Id, "accept");

        Assert.Equal("peskov-the-current-tensions", Assert.Single(accepted.Records!).Id);
        Assert.Equal(25, (await Client.GetAllPagesAsync<StatementResponse>("/v1/statements?limit=100")).Count);
    }

    [Fact]
    public async Task BadRequests_AreProblems()
    {
        (await (await Client.GetAsync("/v1/suggestions/statement-000000000000")).AssertProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail");
        await Client.AssertBadParameterAsync("/v1/suggestions?kind=quote", "kind");
        using var noKey = await Client.SendJsonAsync(HttpMethod.Post, "/v1/suggestions/x/reject", null, key: null);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        using var html = await PostAsync("/v1/sources", "<p>hi</p>", "text/html");
        await html.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
        using var missing = await PostAsync("/v1/sources/nope/extract", null);
        await missing.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
