using System.Text.RegularExpressions;
using System.Text;

namespace TimelineApi.Common;

/// <summary>
/// Turns what a user types into a safe FTS5 query: words (all must match), prefixes (<c>sanct*</c>)
/// and phrases (<c>"practical work"</c>). Every term is quoted, so FTS5 operators and column
/// filters in the input are searched as plain words and never break the query.
/// </summary>
public static partial class FullTextQuery
{
    [GeneratedRegex("\"(?<words>[^\"]*)\"(?<prefix>\\*)?")]
    private static partial Regex Terms();

    public const string HighlightStart = "<mark>";
    public const string HighlightEnd = "</mark>";

    /// <summary>
    /// The snippet of a match of <c>@search</c> in an FTS5 table whose two columns are <paramref name="columns"/>, with the
    /// API's highlight markers (<see cref="Snippets"/>): from FTS5's <c>highlight()</c> where the text is short enough for
    /// it, else from the words of the search found in the text by <see cref="Snippets.Find"/>.
    /// </summary>
    public static string Snippet(string table, (string First, string Second) columns)
    {
        var (first, second) = ($"{table}.{columns.First}", $"{table}.{columns.Second}");
        return $"""
            CASE WHEN coalesce(length({first}), 0) + coalesce(length({second}), 0) <= {Snippets.MaxHighlightedLength}
                 THEN {Snippets.SqliteFunction}(highlight({table}, 0, '{HighlightStart}', '{HighlightEnd}'), highlight({table}, 1, '{HighlightStart}', '{HighlightEnd}'))
                 ELSE {Snippets.SqliteFindFunction}({first}, {second}, @search) END
            """;
    }

    /// <summary>
    /// The terms of the FTS5 text of a search (<see cref="SearchTerms.Fts5"/>), as SQLite hands it to the API's own SQL
    /// functions (<see cref="Snippets.Find"/>): each a word or a phrase's words, the last one a prefix where marked so.
    /// </summary>
    public static IEnumerable<SearchTerm> TermsOf(string fts5)
        => Terms().Matches(fts5).Select(term => new SearchTerm(term.Groups["words"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries), term.Groups["prefix"].Success));

    /// <summary>The most terms (words, prefixes, phrases) one search takes: each adds a pass over the index.</summary>
    public const int MaxTerms = 8;

    /// <summary>The most words one search takes in all, its phrases' words included.</summary>
    public const int MaxWords = 16;

    /// <summary>The fewest letters or digits a prefix takes before its <c>*</c>: a shorter one reads most of the index.</summary>
    public const int MinPrefixLength = 3;

    /// <summary>
    /// The search a user typed, or why it is refused: more than <see cref="MaxTerms"/> terms or <see cref="MaxWords"/>
    /// words, or a prefix shorter than <see cref="MinPrefixLength"/>. Neither when it holds no word.
    /// </summary>
    public static (SearchTerms? Query, string? Error) Parse(string input)
    {
        var terms = new List<SearchTerm>();
        var i = 0;
        while (i < input.Length)
        {
            if (char.IsWhiteSpace(input[i]))
            {
                i++;
            }
            else if (input[i] is '"' or '“' or '”')
            {
                var end = input.IndexOfAny(['"', '“', '”'], i + 1);
                var phrase = end < 0 ? input[(i + 1)..] : input[(i + 1)..end];
                AddTerm(terms, phrase, prefix: false);
                i = end < 0 ? input.Length : end + 1;
            }
            else
            {
                var end = i;
                while (end < input.Length && !char.IsWhiteSpace(input[end]) && input[end] is not '"' and not '“' and not '”')
                {
                    end++;
                }

                var word = input[i..end];
                AddTerm(terms, word.TrimEnd('*'), prefix: word.EndsWith('*'));
                i = end;
            }
        }

        var words = terms.Sum(t => t.Words.Length);
        var shortPrefix = terms.FirstOrDefault(t => t.Prefix && t.Words[^1].Length < MinPrefixLength);
        return terms.Count > MaxTerms ? (null, $"'q' has {terms.Count} terms; a search takes at most {MaxTerms} (words, prefixes and \"phrases\").")
            : words > MaxWords ? (null, $"'q' has {words} words; a search takes at most {MaxWords}, its phrases' words included.")
            : shortPrefix.Words is not null ? (null, $"The prefix {shortPrefix.Fts5} is too short: a prefix takes at least {MinPrefixLength} letters or digits before its '*'.")
            : (terms.Count == 0 ? null : new SearchTerms(terms), null);
    }

    private static void AddTerm(List<SearchTerm> terms, string text, bool prefix)
    {
        // Keep what the tokenizer indexes (letters and digits); everything else separates tokens.
        var cleaned = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            cleaned.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        var words = cleaned.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 0)
        {
            terms.Add(new SearchTerm(words, prefix));
        }
    }
}

/// <summary>A term of a search: a word or a phrase's words (letters and digits only), the last one a prefix when <see cref="Prefix"/>.</summary>
public readonly record struct SearchTerm(string[] Words, bool Prefix)
{
    /// <summary>The term in FTS5's syntax: quoted, so no operator or column filter can be in it; <c>*</c> after a prefix.</summary>
    public string Fts5 => $"\"{string.Join(' ', Words)}\"{(Prefix ? "*" : string.Empty)}";

    /// <summary>The term as a PostgreSQL <c>tsquery</c>: its words in a row, the last with <c>:*</c> for a prefix (the words need no more quoting than <c>'…'</c>).</summary>
    public string TsQuery
    {
        get
        {
            var (last, prefix) = (Words.Length - 1, Prefix);
            return $"({string.Join(" <-> ", Words.Select((w, i) => i == last && prefix ? $"'{w}':*" : $"'{w}'"))})";
        }
    }
}

/// <summary>A search as read once from what a user typed (<see cref="FullTextQuery.Parse"/>): its terms, all of which must match, in each engine's syntax.</summary>
public sealed class SearchTerms(IReadOnlyList<SearchTerm> terms)
{
    public IReadOnlyList<SearchTerm> Terms => terms;

    /// <summary>The search as SQLite's FTS5 reads it.</summary>
    public string Fts5 { get; } = string.Join(' ', terms.Select(t => t.Fts5));

    /// <summary>The search as PostgreSQL's <c>to_tsquery</c> reads it.</summary>
    public string TsQuery { get; } = string.Join(" & ", terms.Select(t => t.TsQuery));

    /// <summary>The value of <c>@search</c> in the engine's full-text SQL (<see cref="FullTextIndex"/>).</summary>
    public string For(Data.SqlDialect dialect) => dialect.IsPostgres ? TsQuery : Fts5;

    public override string ToString() => Fts5;
}

/// <summary>
/// A table's full-text index in each store: SQLite's FTS5 table beside it (<c>…_fts</c>, ranked by bm25, snippets by
/// <c>snippet()</c>), or PostgreSQL's <c>search</c> column (a <c>tsvector</c> under a GIN index, ranked by
/// <c>ts_rank</c>, snippets by <c>ts_headline</c>). Both give each match the row's <c>rowid</c>, a rank (lower is
/// better) and a snippet with the API's highlight markers; both read <c>@search</c> as <see cref="SearchTerms.For"/> gives it.
/// </summary>
public sealed record FullTextIndex(string Table, string SqliteIndex, (string First, string Second) Columns)
{
    public static readonly FullTextIndex Events = new("events", "events_fts", ("title", "summary"));
    public static readonly FullTextIndex Statements = new("statements", "statements_fts", ("text", "attribution"));
    public static readonly FullTextIndex Sources = new("sources", "sources_fts", ("title", "text"));

    private string PostgresText => $"concat_ws(' ', {Columns.First}, {Columns.Second})";

    private const string Query = "to_tsquery('timeline', @search)";

    /// <summary>The matches of <c>@search</c> as rows of (<c>fts_rowid</c>, <c>rank</c>, <c>snippet</c>).</summary>
    public string Matches(Data.SqlDialect dialect) => dialect.IsPostgres
        ? $"SELECT rowid AS fts_rowid, {PostgresRank} AS rank, {PostgresSnippet} AS snippet FROM {Table} WHERE search @@ {Query}"
        : $"SELECT rowid AS fts_rowid, rank, {FullTextQuery.Snippet(SqliteIndex, Columns)} AS snippet FROM {SqliteIndex} WHERE {SqliteIndex} MATCH @search";

    /// <summary>The matches of <c>@search</c> as rows of (<c>row</c>, <c>rank</c>), read from the index alone where the engine can.</summary>
    public string Ranked(Data.SqlDialect dialect) => dialect.IsPostgres
        ? $"SELECT rowid AS row, {PostgresRank} AS rank FROM {Table} WHERE search @@ {Query}"
        : $"SELECT rowid AS row, rank FROM {SqliteIndex} WHERE {SqliteIndex} MATCH @search";

    /// <summary>The <c>rowid</c>s of the matches of <c>@search</c>.</summary>
    public string RowIds(Data.SqlDialect dialect) => dialect.IsPostgres
        ? $"SELECT rowid FROM {Table} WHERE search @@ {Query}"
        : $"SELECT rowid FROM {SqliteIndex} WHERE {SqliteIndex} MATCH @search";

    /// <summary>
    /// The snippet of the match of <c>@search</c> in a row of <see cref="Table"/>, for a query over that row whose FROM
    /// holds, on SQLite, the FTS table joined on it (and, on PostgreSQL, no other table with the indexed columns' names).
    /// </summary>
    public string Snippet(Data.SqlDialect dialect) => dialect.IsPostgres ? PostgresSnippet : FullTextQuery.Snippet(SqliteIndex, Columns);

    private static string PostgresRank => $"-CAST(ts_rank(search, {Query}) AS double precision)";

    // ts_headline marks the matches in a window of the text, each word on its own: the words of a phrase, next to each
    // other, are made one mark, as FTS5's snippet() marks a phrase. As snippet() does, an ellipsis says that the text
    // goes on before or after the window.
    private string PostgresSnippet => $"""
        (SELECT CASE WHEN strpos(doc, plain) > 1 THEN '…' ELSE '' END || headline
                || CASE WHEN strpos(doc, plain) + length(plain) <= length(doc) THEN '…' ELSE '' END
         FROM (SELECT doc, headline, replace(replace(headline, '{FullTextQuery.HighlightStart}', ''), '{FullTextQuery.HighlightEnd}', '') AS plain
               FROM (SELECT doc, replace(ts_headline('timeline', doc, {Query},
                                                     'StartSel={FullTextQuery.HighlightStart}, StopSel={FullTextQuery.HighlightEnd}, MaxWords=16, MinWords=6, MaxFragments=1, FragmentDelimiter=…'),
                                         '{FullTextQuery.HighlightEnd} {FullTextQuery.HighlightStart}', ' ') AS headline
                     FROM (SELECT {PostgresText} AS doc) AS text) AS marked) AS snippet)
        """;
}
