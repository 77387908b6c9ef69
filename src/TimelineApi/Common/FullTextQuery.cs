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

    /// <summary>The FTS5 <c>snippet()</c> call for a table, with the API's highlight markers.</summary>
    public static string Snippet(string table) => $"snippet({table}, -1, '{HighlightStart}', '{HighlightEnd}', '…', 16)";

    /// <summary>
    /// The value of <c>@search</c> for a query <see cref="Parse"/> made: itself for SQLite's FTS5, the same terms as a
    /// PostgreSQL <c>tsquery</c> for PostgreSQL (all terms; a phrase's words in a row; a prefix's last word with <c>:*</c>).
    /// </summary>
    public static string For(Data.SqlDialect dialect, string query)
    {
        if (!dialect.IsPostgres)
        {
            return query;
        }

        var terms = new List<string>();
        foreach (Match term in Terms().Matches(query))
        {
            // A term's words are letters and digits only (see AddTerm), so quoting them is all a tsquery needs.
            var words = term.Groups["words"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => $"'{w}'").ToList();
            if (term.Groups["prefix"].Success)
            {
                words[^1] += ":*";
            }

            terms.Add($"({string.Join(" <-> ", words)})");
        }

        return string.Join(" & ", terms);
    }

    public static string? Parse(string input)
    {
        var terms = new List<string>();
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

        return terms.Count == 0 ? null : string.Join(' ', terms);
    }

    private static void AddTerm(List<string> terms, string text, bool prefix)
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
            terms.Add($"\"{string.Join(' ', words)}\"{(prefix ? "*" : string.Empty)}");
        }
    }
}

/// <summary>
/// A table's full-text index in each store: SQLite's FTS5 table beside it (<c>…_fts</c>, ranked by bm25, snippets by
/// <c>snippet()</c>), or PostgreSQL's <c>search</c> column (a <c>tsvector</c> under a GIN index, ranked by
/// <c>ts_rank</c>, snippets by <c>ts_headline</c>). Both give each match the row's <c>rowid</c>, a rank (lower is
/// better) and a snippet with the API's highlight markers; both read <c>@search</c> as <see cref="FullTextQuery.For"/> gives it.
/// </summary>
public sealed record FullTextIndex(string Table, string SqliteIndex, string PostgresText)
{
    public static readonly FullTextIndex Events = new("events", "events_fts", "concat_ws(' ', title, summary)");
    public static readonly FullTextIndex Statements = new("statements", "statements_fts", "concat_ws(' ', text, attribution)");
    public static readonly FullTextIndex Sources = new("sources", "sources_fts", "concat_ws(' ', title, text)");

    private const string Query = "to_tsquery('timeline', @search)";

    /// <summary>The matches of <c>@search</c> as rows of (<c>fts_rowid</c>, <c>rank</c>, <c>snippet</c>).</summary>
    public string Matches(Data.SqlDialect dialect) => dialect.IsPostgres
        ? $"SELECT rowid AS fts_rowid, {PostgresRank} AS rank, {PostgresSnippet} AS snippet FROM {Table} WHERE search @@ {Query}"
        : $"SELECT rowid AS fts_rowid, rank, {FullTextQuery.Snippet(SqliteIndex)} AS snippet FROM {SqliteIndex} WHERE {SqliteIndex} MATCH @search";

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
    public string Snippet(Data.SqlDialect dialect) => dialect.IsPostgres ? PostgresSnippet : FullTextQuery.Snippet(SqliteIndex);

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
