using System.Text;

namespace TimelineApi.Common;

/// <summary>
/// A search hit's snippet made from its columns as FTS5's <c>highlight()</c> gives them (every match of the search
/// between <see cref="FullTextQuery.HighlightStart"/> and <see cref="FullTextQuery.HighlightEnd"/>): the column with
/// the most matches, cut to the <see cref="Words"/> words that hold the most of them, with <c>…</c> where the text goes
/// on. It takes time in proportion to the text, however many matches the text holds (FTS5's own <c>snippet()</c> takes
/// time in proportion to the square of their count: minutes for a planted text of one word repeated).
/// </summary>
public static class Snippets
{
    /// <summary>How many words a snippet shows.</summary>
    public const int Words = 16;

    /// <summary>The SQL function SQLite computes snippets with from <c>highlight()</c> (registered on every connection).</summary>
    public const string SqliteFunction = "timeline_snippet";

    /// <summary>The SQL function SQLite computes snippets with from the text and the search (<see cref="Find"/>).</summary>
    public const string SqliteFindFunction = "timeline_snippet_find";

    /// <summary>
    /// The longest text (its two columns together, in characters) whose snippet comes from FTS5's <c>highlight()</c>,
    /// which takes time in proportion to the square of its matches: longer texts are searched by <see cref="Find"/>.
    /// </summary>
    public const int MaxHighlightedLength = 20_000;

    private const char Ellipsis = '…';

    /// <summary>The snippet of the highlighted column with the most matches (the first on a tie), or null when both are null.</summary>
    public static string? Of(string? first, string? second)
    {
        var text = Count(second) > Count(first) ? second : first ?? second;
        return text is null ? null : Window(text);
    }

    /// <summary>
    /// The snippet of two columns in which the words of <paramref name="search"/> (an FTS5 query as
    /// <see cref="FullTextQuery.Parse"/> makes it) are found as words the same but for case and accents, a prefix's
    /// last word as the start of one, a phrase's words one after the other. FTS5 also finds words by their stem
    /// ("sanctions" for "sanction"): a snippet found this way marks only the words written as searched.
    /// </summary>
    public static string? Find(string? first, string? second, string search)
    {
        var terms = FullTextQuery.TermsOf(search).Select(t => (Words: t.Words.Select(Fold).ToArray(), t.Prefix)).ToList();
        return Of(Mark(first, terms), Mark(second, terms));
    }

    private static string? Mark(string? text, List<(string[] Words, bool Prefix)> terms)
    {
        if (text is null)
        {
            return null;
        }

        var tokens = new List<(int Start, int End, string Folded)>();
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            tokens.Add((start, i, Fold(text[start..i])));
        }

        var marked = new bool[tokens.Count];
        for (var t = 0; t < tokens.Count; t++)
        {
            foreach (var (words, prefix) in terms)
            {
                if (t + words.Length <= tokens.Count && words.Select((w, k) =>
                        k == words.Length - 1 && prefix ? tokens[t + k].Folded.StartsWith(w, StringComparison.Ordinal) : tokens[t + k].Folded == w).All(m => m))
                {
                    Array.Fill(marked, true, t, words.Length);
                }
            }
        }

        var highlighted = new StringBuilder(text.Length + 32);
        var at = 0;
        for (var t = 0; t < tokens.Count; t++)
        {
            if (marked[t])
            {
                highlighted.Append(text, at, tokens[t].Start - at).Append(FullTextQuery.HighlightStart)
                    .Append(text, tokens[t].Start, tokens[t].End - tokens[t].Start).Append(FullTextQuery.HighlightEnd);
                at = tokens[t].End;
            }
        }

        return highlighted.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>A word as FTS5's tokenizer compares it: lower case, without accents.</summary>
    private static string Fold(string word)
    {
        var decomposed = word.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString();
    }

    private static int Count(string? text)
    {
        var count = 0;
        for (var at = text?.IndexOf(FullTextQuery.HighlightStart, StringComparison.Ordinal) ?? -1; at >= 0;
             at = text!.IndexOf(FullTextQuery.HighlightStart, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string Window(string highlighted)
    {
        var pieces = Pieces(highlighted);
        var words = new List<(int First, int Last, bool Hit)>(); // the pieces of each word
        for (var i = 0; i < pieces.Count; i++)
        {
            if (pieces[i].Space)
            {
                continue;
            }

            var first = i;
            var hit = false;
            for (; i < pieces.Count && !pieces[i].Space; i++)
            {
                hit |= pieces[i].Marked;
            }

            words.Add((first, --i, hit));
        }

        if (words.Count == 0)
        {
            return string.Empty;
        }

        // The first window of Words words with the most words that match.
        var size = Math.Min(Words, words.Count);
        var hits = words.Take(size).Count(w => w.Hit);
        var (best, start) = (hits, 0);
        for (var s = 1; s + size <= words.Count; s++)
        {
            hits += (words[s + size - 1].Hit ? 1 : 0) - (words[s - 1].Hit ? 1 : 0);
            if (hits > best)
            {
                (best, start) = (hits, s);
            }
        }

        var snippet = new StringBuilder();
        if (start > 0)
        {
            snippet.Append(Ellipsis);
        }

        var open = false;
        for (var p = words[start].First; p <= words[start + size - 1].Last; p++)
        {
            var (text, marked, space) = pieces[p];
            if (open && !marked && !(space && NextMarked(pieces, p, words[start + size - 1].Last)))
            {
                snippet.Append(FullTextQuery.HighlightEnd);
                open = false;
            }
            else if (!open && marked && !space)
            {
                snippet.Append(FullTextQuery.HighlightStart);
                open = true;
            }

            snippet.Append(text);
        }

        if (open)
        {
            snippet.Append(FullTextQuery.HighlightEnd);
        }

        if (start + size < words.Count)
        {
            snippet.Append(Ellipsis);
        }

        return snippet.ToString();
    }

    /// <summary>Whether the piece after the white space at <paramref name="p"/> is marked: matches one space apart share a mark.</summary>
    private static bool NextMarked(List<(string Text, bool Marked, bool Space)> pieces, int p, int last)
        => p + 1 <= last && pieces[p + 1].Marked;

    /// <summary>The text cut into runs of white space and of other characters, each marked or not, without the markers.</summary>
    private static List<(string Text, bool Marked, bool Space)> Pieces(string highlighted)
    {
        var pieces = new List<(string, bool, bool)>();
        var marked = false;
        var run = new StringBuilder();
        bool? space = null;
        void Flush()
        {
            if (run.Length > 0)
            {
                pieces.Add((run.ToString(), marked, space == true));
                run.Clear();
            }
        }

        for (var i = 0; i < highlighted.Length;)
        {
            var tag = string.CompareOrdinal(highlighted, i, FullTextQuery.HighlightStart, 0, FullTextQuery.HighlightStart.Length) == 0 ? FullTextQuery.HighlightStart
                : string.CompareOrdinal(highlighted, i, FullTextQuery.HighlightEnd, 0, FullTextQuery.HighlightEnd.Length) == 0 ? FullTextQuery.HighlightEnd
                : null;
            if (tag is not null)
            {
                Flush();
                marked = tag == FullTextQuery.HighlightStart;
                i += tag.Length;
                continue;
            }

            var isSpace = char.IsWhiteSpace(highlighted[i]);
            if (space != isSpace)
            {
                Flush();
                space = isSpace;
            }

            run.Append(highlighted[i++]);
        }

        Flush();
        return pieces;
    }
}
