using TimelineApi.Statements;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Statements;

public sealed class StatementsEndpointTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    private Task<List<StatementResponse>> ListAsync(string query) => _client.GetAllPagesAsync<StatementResponse>("/v1/statements?" + query);

    [Fact]
    public async Task ListStatements_IsInDateOrder_WithUndatedLast()
    {
        var statements = await ListAsync("limit=500");
        Assert.Equal(25, statements.Count);
        var dated = statements.TakeWhile(s => s.Date is not null).ToList();
        Assert.Equal(dated.Select(s => s.Date).Order(StringComparer.Ordinal), dated.Select(s => s.Date));
        Assert.All(statements.Skip(dated.Count), s => Assert.Null(s.Date));
    }

    [Fact]
    public async Task GetStatement_ReturnsSpeakerSourceSpanAndAttribution()
    {
        var statement = await _client.GetAsync<StatementResponse>("/v1/statements/peskov-the-current-tensions");
        Assert.Equal(new SpeakerResponse("dmitry-peskov", "Dmitry Peskov"), statement.Speaker);
        Assert.Equal("2021-12-12-putin-biden-agreed-to-hold-more-talks", statement.Source);
        Assert.Equal("Putin, Biden agreed to hold more talks despite disagreements: Kremlin", statement.SourceTitle);
        Assert.Null(statement.SourcePublisher); // the report names none
        Assert.Equal("2021-12-12", statement.SourcePublishedAt);
        Assert.Equal("Peskov added", statement.Attribution);
        Assert.StartsWith("The current... tensions", statement.Text, StringComparison.Ordinal);
        Assert.Equal(statement.Text.Length, statement.Span.End - statement.Span.Start);
    }

    [Fact]
    public async Task ListStatements_ByEventSourceAndDates_Filter()
    {
        var briefing = await ListAsync("event=2021-12-07-ushakov-briefing-after-video-call");
        Assert.Equal(4, briefing.Count);
        Assert.All(briefing, s => Assert.Equal("yuri-ushakov", s.Speaker.Id));

        var fromReport = await ListAsync("source=2021-12-30-biden-putin-50-minute-phone-call");
        Assert.Equal(5, fromReport.Count);

        var onTheDay = await ListAsync("from=2021-12-12&to=2021-12-12");
        Assert.Equal("peskov-the-current-tensions", Assert.Single(onTheDay).Id);
    }

    [Fact]
    public async Task ListStatements_BySpeakerAlias_FindsThem()
    {
        var whiteHouse = await ListAsync("participant=%40WhiteHouse");
        Assert.Equal("white-house-potus-held-a-secure-video-call", Assert.Single(whiteHouse).Id);
    }
}
