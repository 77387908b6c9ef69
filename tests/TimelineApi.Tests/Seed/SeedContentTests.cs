using TimelineApi.Events;
using TimelineApi.Meetings;
using TimelineApi.Participants;
using TimelineApi.Sources;
using TimelineApi.Statements;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Seed;

/// <summary>What the seeded API serves, checked against the source documents.</summary>
public sealed class SeedContentTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    private const string PhoneCallReport = "2021-12-30-biden-putin-50-minute-phone-call";

    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Statements_EveryText_IsVerbatimAtItsSpanInItsSource()
    {
        var statements = await _client.GetAllPagesAsync<StatementResponse>("/v1/statements?limit=500");
        Assert.NotEmpty(statements);
        var texts = new Dictionary<string, string>();
        foreach (var statement in statements)
        {
            if (!texts.TryGetValue(statement.Source, out var text))
            {
                texts[statement.Source] = text = await _client.GetStringAsync($"/v1/sources/{statement.Source}/text");
            }

            Assert.True(statement.Span.End <= text.Length, $"{statement.Id}: span ends past its source.");
            Assert.Equal(statement.Text, text[statement.Span.Start..statement.Span.End]);
            if (statement.Attribution is not null)
            {
                Assert.Contains(statement.Attribution, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Sources_ServedText_EqualsTheDocumentsInData()
    {
        var sources = await _client.GetAllPagesAsync<SourceResponse>("/v1/sources");
        Assert.Equal(Directory.GetFiles(RepositoryFiles.PathOf("data", "sources"), "*.txt").Length, sources.Count);
        foreach (var source in sources)
        {
            var onDisk = await File.ReadAllTextAsync(RepositoryFiles.PathOf("data", "sources", source.FileName));
            Assert.Equal(onDisk, source.Text);
            Assert.Equal(onDisk, await _client.GetStringAsync($"/v1/sources/{source.Id}/text"));
        }
    }

    [Fact]
    public async Task Participants_AliasesAndRoleTitles_AppearVerbatimInTheSourceTheyCite()
    {
        var participants = await _client.GetAllPagesAsync<ParticipantResponse>("/v1/participants");
        foreach (var participant in participants)
        {
            foreach (var alias in participant.Aliases.Where(a => a.Source is not null))
            {
                Assert.Contains(alias.Name, await _client.GetStringAsync($"/v1/sources/{alias.Source}/text"), StringComparison.Ordinal);
            }

            foreach (var role in participant.Roles)
            {
                Assert.Contains(role.Title, await _client.GetStringAsync($"/v1/sources/{role.Source}/text"), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Statements_NoneIsTakenFromPageDebris()
    {
        // The phone-call report ends with teasers for unrelated stories and a cookie notice.
        var text = await _client.GetStringAsync($"/v1/sources/{PhoneCallReport}/text");
        var endOfReport = text.IndexOf("These include Ukraine never becoming a NATO member.", StringComparison.Ordinal);
        Assert.True(endOfReport > 0);

        var statements = await _client.GetAllPagesAsync<StatementResponse>($"/v1/statements?source={PhoneCallReport}");
        Assert.NotEmpty(statements);
        Assert.All(statements, s => Assert.True(s.Span.End <= endOfReport, $"{s.Id} is quoted from the page debris."));

        var everything = await _client.GetStringAsync("/v1/events?limit=500");
        foreach (var debris in new[] { "Sinner", "Prince William", "Edison", "Kim Jong-un", "cookies" })
        {
            Assert.DoesNotContain(debris, everything, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("2021-12-07-biden-putin-video-call", "call", "video", "held", "2021-12-07", null, 120)]
    [InlineData("2021-12-30-biden-putin-phone-call", "call", "phone", "held", "2021-12-30", null, 50)]
    [InlineData("2022-01-09-us-russia-geneva-security-talks", "talks", null, "scheduled", "2022-01-09", "2022-01-10", null)]
    [InlineData("2022-01-12-nato-russia-session", "meeting", null, "scheduled", "2022-01-12", null, null)]
    [InlineData("2022-01-13-us-russia-europe-meeting", "meeting", null, "scheduled", "2022-01-13", null, null)]
    [InlineData("2021-06-16-biden-putin-geneva-summit", "summit", "in-person", "held", "2021-06-16", null, null)]
    public async Task Meetings_KeyEncounters_HaveTheirReportedDatesAndDurations(
        string id, string kind, string? format, string status, string start, string? end, int? minutes)
    {
        var meeting = await _client.GetAsync<MeetingResponse>($"/v1/meetings/{id}");
        Assert.Equal((kind, format, status, start, end, minutes), (meeting.Kind, meeting.Format, meeting.Status, meeting.Start, meeting.End, meeting.DurationMinutes));
        Assert.NotEmpty(meeting.History);
        Assert.NotEmpty(meeting.Sources);
    }

    [Fact]
    public async Task Meetings_GenevaTalks_AreInTheListWithTheirPlace()
    {
        var meetings = await _client.GetAllPagesAsync<MeetingResponse>("/v1/meetings");
        var geneva = Assert.Single(meetings, m => m.Start == "2022-01-09");
        Assert.Equal("Geneva", geneva.Location);
        Assert.Equal(["russia", "united-states"], geneva.Participants.Select(p => p.Id).Order().ToArray());
        Assert.True(geneva.DateInferred, "The year of 'January 9 and 10' is inferred and must say so.");
    }

    [Fact]
    public async Task PhoneCall_WasRequestedByPutin_AndItsUndatedReportSaysItsDateIsInferred()
    {
        var call = await _client.GetAsync<EventResponse>("/v1/events/2021-12-30-biden-putin-phone-call");
        Assert.Contains(call.Participants.Single(p => p.Id == "vladimir-putin").Roles, r => r is { Role: "requester", Source: PhoneCallReport });
        Assert.True(call.DateInferred);

        var report = await _client.GetAsync<SourceResponse>($"/v1/sources/{PhoneCallReport}");
        Assert.True(report.PublishedAtInferred);
        Assert.Null(report.PublishedAtText);
        Assert.Null(report.Title);
    }

    [Fact]
    public async Task VideoCall_ScheduleHistory_GoesFromScheduledToHeld()
    {
        var call = await _client.GetAsync<MeetingResponse>("/v1/meetings/2021-12-07-biden-putin-video-call");
        Assert.Equal("scheduled", call.History[0].Status);
        Assert.Equal("2021-12-06", call.History[0].ReportedOn);
        Assert.All(call.History.Skip(1), h => Assert.Equal("held", h.Status));
        Assert.Contains(call.Participants.Single(p => p.Id == "vladimir-putin").Roles, r => r.Role == "host");
    }

    [Fact]
    public async Task Ushakov_IsOneParticipant_WithBothSpellingsAndBothTitles()
    {
        var ushakov = await _client.GetAsync<ParticipantResponse>("/v1/participants/yuri-ushakov");
        Assert.Equal("Yuri Ushakov", ushakov.Name);
        Assert.Contains(ushakov.Aliases, a => a.Name == "Yury Ushakov");
        Assert.Contains(ushakov.Roles, r => r.Title == "Kremlin aide");
        Assert.Contains(ushakov.Roles, r => r.Title == "foreign policy adviser");

        var bySpelling = await _client.GetAllPagesAsync<StatementResponse>("/v1/statements?participant=Yury%20Ushakov");
        var byName = await _client.GetAllPagesAsync<StatementResponse>("/v1/statements?participant=Yuri%20Ushakov");
        Assert.Equal(byName.Select(s => s.Id), bySpelling.Select(s => s.Id));
        Assert.Equal(6, byName.Count);
    }

    [Fact]
    public async Task Statements_QuotedBySeveralReports_KeepEachAccountWithItsSource()
    {
        var biden = await _client.GetAllPagesAsync<StatementResponse>("/v1/statements?participant=joe-biden");
        var measures = biden.Where(s => s.Text.StartsWith("strong economic", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, measures.Select(s => s.Source).Distinct().Count());
        Assert.Contains(measures, s => s.Text == "strong economic measures");
        Assert.Contains(measures, s => s.Text == "strong economic and other measures");
    }
}
