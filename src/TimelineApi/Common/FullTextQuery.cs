using System.Text;

namespace TimelineApi.Common;

/// <summary>
/// Turns what a user types into a safe FTS5 query: words (all must match), prefixes (<c>sanct*</c>)
/// and phrases (<c>"practical work"</c>). Every term is quoted, so FTS5 operators and column
/// filters in the input are searched as plain words and never break the query.
/// </summary>
public static class FullTextQuery
{
    public const string HighlightStart = "<mark>";
    public const string HighlightEnd = "</mark>";

    /// <summary>The FTS5 <c>snippet()</c> call for a table, with the API's highlight markers.</summary>
    public static string Snippet(string table) => $"snippet({table}, -1, '{HighlightStart}', '{HighlightEnd}', '…', 16)";

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
