using TimelineApi.Common;
using TimelineApi.Statements;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Common;

public sealed class IsoDateTests
{
    [Theory]
    [InlineData("2022-01-09", "day", "2022-01-09", "2022-01-09", "2022-01-09")]
    [InlineData("2022-01", "month", "2022-01-01", "2022-01-31", "2022-01")]
    [InlineData("2021-12-08T02:41:00+05:30", "time", "2021-12-08", "2021-12-08", "2021-12-07T21:11:00Z")]
    [InlineData("2021-12-07T15:00Z", "time", "2021-12-07", "2021-12-07", "2021-12-07T15:00:00Z")]
    public void TryParse_KnownForms_GiveTheirPrecisionDaysAndSortKey(string text, string precision, string first, string last, string sortKey)
    {
        Assert.True(IsoDate.TryParse(text, out var date));
        Assert.Equal((text, precision, first, last, sortKey), (date.Text, date.Precision, date.FirstDay, date.LastDay, date.SortKey));
    }

    [Theory]
    [InlineData("2021-12-07T15:00")] // a time without its offset is not an instant
    [InlineData("07/12/2021")]
    [InlineData("2021-02-30")]
    [InlineData("")]
    [InlineData("2021")]
    public void TryParse_OtherText_IsRejected(string text) => Assert.False(IsoDate.TryParse(text, out _));

    [Fact]
    public void DateRange_SpansFromTheStartsFirstDayToTheEndsLastDay()
    {
        Assert.Equal(new DateRange("2022-01-09", "2022-01-09", "2022-01-10"), DateRange.Of("2022-01-09", "2022-01-10"));
        Assert.Equal(new DateRange("2022-01", "2022-01-01", "2022-01-31"), DateRange.Of("2022-01", null));
        Assert.Equal(new DateRange("~", null, null), DateRange.Of(null, null));
    }

    [Theory]
    [InlineData("Yury Ushakov", "yury ushakov")]
    [InlineData("  YÚRY   Ushakov ", "yury ushakov")]
    [InlineData("yuri-ushakov", "yuri ushakov")]
    [InlineData("U.S.", "us")]
    [InlineData("Putin’s", "putins")]
    public void TextKey_FoldsCaseAccentsAndSeparators(string input, string key) => Assert.Equal(key, TextKey.Normalize(input));
}

public sealed class ParticipantMatchingTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("yury ushakov")]
    [InlineData("Yuri Ushakov")]
    [InlineData("YÚRY USHAKOV")]
    [InlineData("yuri-ushakov")]
    [InlineData("Ushakov")]
    public async Task Statements_ByAnyFormOfAName_FindTheSameStatements(string participant)
    {
        var statements = await _client.GetAllPagesAsync<StatementResponse>("/v1/statements?participant=" + Uri.EscapeDataString(participant));
        Assert.Equal(6, statements.Count);
        Assert.All(statements, s => Assert.Equal("yuri-ushakov", s.Speaker.Id));
    }
}
