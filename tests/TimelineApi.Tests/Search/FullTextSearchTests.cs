using TimelineApi.Common;
using TimelineApi.Events;
using TimelineApi.Search;
using TimelineApi.Sources;
using TimelineApi.Statements;
using TimelineApi.Tests.Infrastructure;
using TimelineApi.Timeline;

namespace TimelineApi.Tests.Search;

public sealed class FullTextSearchTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Search_Phrase_FindsAllThreeTypes_RankedWithHighlightedSnippets()
    {
        var hits = await _client.GetAllPagesAsync<SearchHit>("/v1/search?q=" + Uri.EscapeDataString("\"practical work\""));
        Assert.Equal(["event", "source", "statement"], hits.Select(h => h.Type).Distinct().Order());
        Assert.Equal(hits.Select(h => h.Rank).Order(), hits.Select(h => h.Rank));
        Assert.All(hits, h => Assert.Contains("<mark>practical work</mark>", h.Snippet, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(hits, h => h is { Type: "statement", Id: "ushakov-there-were-no-breakthroughs", Title: "Yuri Ushakov" });
    }

    [Fact]
    public async Task Search_Words_MustAllMatch_AndPhrasesKeepWordOrder()
    {
        var both = await _client.GetAllPagesAsync<SearchHit>("/v1/search?type=statement&q=grave%20mistake");
        Assert.Equal("ushakov-he-noted-that-it-would-be-a-mistake", Assert.Single(both).Id);
        Assert.Empty(await _client.GetAllPagesAsync<SearchHit>("/v1/search?type=statement&q=" + Uri.EscapeDataString("\"work practical\"")));
    }

    [Fact]
    public async Task Search_Prefix_MatchesWordsStartingWithIt()
    {
        var hits = await _client.GetAllPagesAsync<SearchHit>("/v1/search?type=statement&q=sanct*");
        Assert.Equal("ushakov-our-president-immediately-responded", Assert.Single(hits).Id);
        Assert.Contains("<mark>sanctions</mark>", hits[0].Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_IgnoresCaseAccentsAndInflection()
    {
        var plain = await _client.GetAllPagesAsync<SearchHit>("/v1/search?q=kremlin%20aide");
        var marked = await _client.GetAllPagesAsync<SearchHit>("/v1/search?q=KRÉMLIN%20aides");
        Assert.NotEmpty(plain);
        Assert.Equal(plain.Select(h => h.Id), marked.Select(h => h.Id));
    }

    [Fact]
    public async Task Search_PagesThroughEveryHitOnce()
    {
        var whole = await _client.GetAllPagesAsync<SearchHit>("/v1/search?q=putin&limit=500");
        var paged = await _client.GetAllPagesAsync<SearchHit>("/v1/search?q=putin&limit=2");
        Assert.True(whole.Count > 4);
        Assert.Equal(whole.Select(h => h.Type + h.Id), paged.Select(h => h.Type + h.Id));
    }

    [Theory]
    [InlineData("AND OR NOT")]
    [InlineData("title: NEAR(x y)")]
    [InlineData("\"unbalanced phrase")]
    [InlineData("^ - + * ( )")]
    public async Task Search_Fts5SyntaxInInput_IsSearchedAsWordsAndNeverFails(string q)
    {
        using var response = await _client.GetAsync("/v1/search?q=" + Uri.EscapeDataString(q));
        Assert.True((int)response.StatusCode is 200 or 400, $"{q}: {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("/v1/search", "q")]
    [InlineData("/v1/search?q=%22%22", "q")]
    [InlineData("/v1/search?q=putin&type=video", "type")]
    [InlineData("/v1/search?q=putin&cursor=WyJ4IiwiZXZlbnQiLCJ5Il0", "cursor")]
    [InlineData("/v1/events?sort=title", "sort")]
    [InlineData("/v1/statements?q=%2A%2A", "q")]
    public async Task Search_BadParameters_Answer400(string url, string parameter)
        => await _client.AssertBadParameterAsync(url, parameter);

    [Fact]
    public async Task EventList_WithQ_IsRankedWithSnippets_AndSortCanOverride()
    {
        var ranked = await _client.GetAllPagesAsync<EventResponse>("/v1/events?q=sanction*");
        Assert.NotEmpty(ranked);
        Assert.All(ranked, e => Assert.Contains("<mark>", e.Snippet, StringComparison.Ordinal));

        var byDate = await _client.GetAllPagesAsync<EventResponse>("/v1/events?q=putin&sort=-start&limit=2");
        var dated = byDate.Where(e => e.Start is not null).Select(e => e.Start).ToList();
        Assert.Equal(dated.OrderDescending(StringComparer.Ordinal), dated);

        // Without a search no snippet is sent at all.
        Assert.DoesNotContain("snippet", await _client.GetStringAsync("/v1/events?limit=1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatementAndSourceLists_TakeQ()
    {
        var statements = await _client.GetAllPagesAsync<StatementResponse>("/v1/statements?q=demonise");
        Assert.Equal("peskov-the-current-tensions", Assert.Single(statements).Id);
        Assert.Contains("<mark>demonise</mark>", statements[0].Snippet, StringComparison.Ordinal);

        var sources = await _client.GetAllPagesAsync<SourceResponse>("/v1/sources?q=rouble");
        Assert.Equal("2021-12-12-putin-biden-agreed-to-hold-more-talks", Assert.Single(sources).Id);
    }

    [Fact]
    public async Task Timeline_WithQ_KeepsMatchingEventsAndStatements()
    {
        var items = await _client.GetAllPagesAsync<TimelineItem>("/v1/timeline?q=jokes");
        Assert.Equal(["event:2021-12-07-ushakov-briefing-after-video-call", "statement:ushakov-room-for-jokes"], items.Select(i => $"{i.Type}:{i.Id}"));
    }
}

public sealed class SortTests(TimelineApiFactory app) : IClassFixture<TimelineApiFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("/v1/events", "start")]
    [InlineData("/v1/meetings", "start")]
    [InlineData("/v1/statements", "date")]
    [InlineData("/v1/sources", "published")]
    [InlineData("/v1/timeline", "start")]
    public async Task Lists_SortedDescending_AreTheDatedItemsReversed_ThenTheUndated_AcrossPages(string url, string field)
    {
        var ascending = await _client.GetAllPagesAsync<System.Text.Json.JsonElement>($"{url}?sort={field}&limit=500");
        var descending = await _client.GetAllPagesAsync<System.Text.Json.JsonElement>($"{url}?sort=-{field}&limit=2");
        static string Key(System.Text.Json.JsonElement e) => e.GetProperty("id").GetString()!;
        static bool Dated(System.Text.Json.JsonElement e) => new[] { "start", "date", "publishedAt" }
            .Any(name => e.TryGetProperty(name, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String);

        // Undated items come last in both directions, so a "latest first" widget starts with dated items.
        Assert.Equal(ascending.Where(Dated).Select(Key).Reverse(), descending.TakeWhile(Dated).Select(Key));
        Assert.Equal(ascending.SkipWhile(Dated).Select(Key).Reverse(), descending.SkipWhile(Dated).Select(Key));
        Assert.All(ascending.SkipWhile(Dated), e => Assert.False(Dated(e)));
    }

    [Fact]
    public void FullTextQuery_QuotesEveryTerm_AndSaysTheSameTermsToEachEngine()
    {
        var (query, error) = FullTextQuery.Parse("\"practical work\" sanct* kremlin");
        Assert.Null(error);
        Assert.Equal("\"practical work\" \"sanct\"* \"kremlin\"", query!.Fts5);
        Assert.Equal("('practical' <-> 'work') & ('sanct':*) & ('kremlin')", query.TsQuery);
        Assert.Equal(query.Fts5, query.For(TimelineApi.Data.SqlDialect.Sqlite));
        Assert.Equal(query.TsQuery, query.For(TimelineApi.Data.SqlDialect.Postgres));
        Assert.Equal(query.Terms, FullTextQuery.TermsOf(query.Fts5), new TermComparer()); // read back as SQLite's functions get it
        Assert.Equal("\"U S\" \"Russia\"", FullTextQuery.Parse("U.S. -Russia").Query!.Fts5);
        Assert.Equal((null, null), FullTextQuery.Parse(" *** \"\" "));
    }

    private sealed class TermComparer : IEqualityComparer<SearchTerm>
    {
        public bool Equals(SearchTerm x, SearchTerm y) => x.Prefix == y.Prefix && x.Words.SequenceEqual(y.Words);

        public int GetHashCode(SearchTerm obj) => obj.Prefix.GetHashCode();
    }

    [Fact]
    public void ASnippet_IsTheWindowWithTheMostMatches_MarkedAsAPhrase_WithEllipses()
    {
        var filler = string.Join(' ', Enumerable.Repeat("filler", 30));
        var text = $"{filler} The talks, Ryabkov said, were \"practical work\" on Ukraine. {filler}";
        var snippet = Snippets.Find(null, text, FullTextQuery.Parse("\"practical work\" ukrain*").Query!.Fts5)!;
        Assert.StartsWith("…", snippet, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet, StringComparison.Ordinal);
        Assert.Contains("\"<mark>practical work</mark>\" on <mark>Ukraine</mark>.", snippet, StringComparison.Ordinal);
        Assert.Equal(Snippets.Words, snippet.Trim('…').Split(' ').Length);
        Assert.Equal("Geneva <mark>Talks</mark>", Snippets.Of("Geneva <mark>Talks</mark>", "nothing marked here"));
        Assert.Equal("<mark>Ušakov</mark> spoke", Snippets.Find("Ušakov spoke", null, FullTextQuery.Parse("usakov").Query!.Fts5)); // accents fold
    }

    [Theory]
    [InlineData("a b c d e f g h i", "terms")] // nine terms
    [InlineData("\"a b c d e f g h\" \"i j k l m n o p\" q", "words")]
    [InlineData("sanctions a*", "prefix")]
    public void FullTextQuery_RefusesSearchesPastItsBounds(string input, string named)
    {
        var (query, error) = FullTextQuery.Parse(input);
        Assert.Null(query);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/search?q=", "a+b+c+d+e+f+g+h+i")]
    [InlineData("/v1/events?q=", "a*")]
    [InlineData("/v1/timeline?q=", "ab*+putin")]
    public async Task ASearchPastItsBounds_Answers400NamingQ(string url, string q)
        => await _client.AssertBadParameterAsync(url + q, "q");
}
