using System.Text.RegularExpressions;

namespace TimelineApi.Extraction;

/// <summary>
/// A document cut into what the extractor reads: blocks (lines) sorted into report text, headlines,
/// metadata and page debris; quotes; sentences (which never end inside a quote); and words.
/// </summary>
internal sealed partial class SourceDocument
{
    /// <summary>For each character, whether it stands between the marks of a quote.</summary>
    private readonly bool[] _quoted;

    private SourceDocument(string text)
    {
        Text = text;
        _quoted = new bool[text.Length];
    }

    public string Text { get; }
    public List<Block> Blocks { get; } = [];
    public List<Quote> Quotes { get; } = [];

    /// <summary>Sentences of body blocks as [start, end) offsets.</summary>
    public List<(int Start, int End)> Sentences { get; } = [];

    public List<Token> Tokens { get; } = [];

    /// <summary>The publication date the text itself prints, if any, and the words that print it.</summary>
    public (string Date, Evidence Evidence)? PrintedDate { get; private set; }

    /// <summary>The first headline, which names the report when no title is given.</summary>
    public string? Headline => Blocks.TakeWhile(b => b.Kind != BlockKind.Body).FirstOrDefault(b => b.Kind == BlockKind.Headline) is { } h ? Text[h.Start..h.End] : null;

    public static SourceDocument Read(string text)
    {
        var doc = new SourceDocument(text);
        doc.ReadBlocks();
        for (var i = 0; i < doc.Blocks.Count; i++)
        {
            if (doc.Blocks[i].Kind is BlockKind.Body or BlockKind.Headline or BlockKind.Post)
            {
                doc.ReadQuotes(i);
            }
        }

        foreach (var q in doc.Quotes)
        {
            Array.Fill(doc._quoted, true, q.Open + 1, q.Close - q.Open - 1);
        }

        for (var i = 0; i < doc.Blocks.Count; i++)
        {

            if (doc.Blocks[i].Kind is BlockKind.Body)
            {
                doc.ReadSentences(doc.Blocks[i]);
            }
        }

        foreach (Match m in WordPattern().Matches(text))
        {
            var key = m.Value.EndsWith("'s", StringComparison.Ordinal) || m.Value.EndsWith("’s", StringComparison.Ordinal) ? m.Value[..^2] : m.Value;
            doc.Tokens.Add(new Token(m.Index, m.Index + m.Length, m.Value, key));
        }

        return doc;
    }

    public Block BlockAt(int offset) => Blocks.First(b => offset >= b.Start && offset <= b.End);

    public bool InQuote(int offset) => offset >= 0 && offset < _quoted.Length && _quoted[offset];

    public (int Start, int End) SentenceAt(int offset)
        => SentenceIndexAt(offset) is >= 0 and var i ? Sentences[i] : (offset, offset);

    /// <summary>The index of the sentence holding <paramref name="offset"/>, or -1 (a search: sentences are in order and apart).</summary>
    public int SentenceIndexAt(int offset)
    {
        var i = FirstStartingAt(Sentences, offset + 1, s => s.Start) - 1;
        return i >= 0 && offset < Sentences[i].End && Sentences[i].End > 0 ? i : -1;
    }

    /// <summary>The last character before <paramref name="offset"/> that is not white space, or NUL at the start.</summary>
    public char LastNonSpaceBefore(int offset)
    {
        while (offset > 0 && char.IsWhiteSpace(Text[offset - 1]))
        {
            offset--;
        }

        return offset > 0 ? Text[offset - 1] : '\0';
    }

    /// <summary>Where the text before <paramref name="end"/> ends without its trailing white space and then its final <c>.</c>, <c>!</c> or <c>?</c>.</summary>
    public int EndWithoutStop(int end)
    {
        while (end > 0 && char.IsWhiteSpace(Text[end - 1]))
        {
            end--;
        }

        while (end > 0 && Text[end - 1] is '.' or '!' or '?')
        {
            end--;
        }

        return end;
    }

    /// <summary>The words in [start, end) that are not inside a quote.</summary>
    public List<Token> TokensIn(int start, int end, bool outsideQuotes = true)
    {
        var found = new List<Token>();
        for (var i = FirstStartingAt(Tokens, start, t => t.Start); i < Tokens.Count && Tokens[i].End <= end; i++)
        {
            if (!outsideQuotes || !InQuote(Tokens[i].Start))
            {
                found.Add(Tokens[i]);
            }
        }

        return found;
    }

    /// <summary>In a list ordered by start offset, the index of the first item that starts at or after <paramref name="offset"/>.</summary>
    internal static int FirstStartingAt<T>(IReadOnlyList<T> items, int offset, Func<T, int> startOf)
    {
        var low = 0;
        var high = items.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (startOf(items[middle]) < offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private void ReadBlocks()
    {
        var offset = 0;
        var lead = LeadingDateLine().Match(Text);
        if (lead.Success)
        {
            Blocks.Add(new Block(lead.Index, lead.Index + lead.Length, BlockKind.Metadata, "date line"));
            PrintedDate = (lead.Groups["date"].Value, new Evidence(lead.Index, lead.Index + lead.Length, lead.Value.Trim()));
            offset = lead.Index + lead.Length;
        }

        while (offset < Text.Length)
        {
            var newline = Text.IndexOf('\n', offset);
            var end = newline < 0 ? Text.Length : newline;
            var (start, trimmedEnd) = Trim(offset, end);
            if (trimmedEnd > start)
            {
                var line = Text[start..trimmedEnd];

                // A page may run a prompt on after the last line of the report without a line break.
                if (TrailingPrompt().Match(line) is { Success: true } prompt && prompt.Index > 0)
                {
                    Classify(start, start + prompt.Index);
                    Blocks.Add(new Block(start + prompt.Index, trimmedEnd, BlockKind.Debris, "feedback prompt"));
                }
                else
                {
                    Classify(start, trimmedEnd);
                }
            }

            offset = end + 1;
        }
    }

    private void Classify(int start, int end)
    {
        var (s, e) = Trim(start, end);
        if (e <= s)
        {
            return;
        }

        var line = Text[s..e];
        if (DebrisReason(line) is { } reason)
        {
            Blocks.Add(new Block(s, e, BlockKind.Debris, reason));
            return;
        }

        if (MetadataLine().IsMatch(line))
        {
            Blocks.Add(new Block(s, e, BlockKind.Metadata, "byline"));
            if (PrintedDate is null && PublishedLine(line) is { } date)
            {
                PrintedDate = (date, new Evidence(s, e, line));
            }

            return;
        }

        if (PostSignature().IsMatch(line))
        {
            Blocks.Add(new Block(s, e, BlockKind.Post, "embedded post"));
            return;
        }

        // A line is closed by a full stop, also one inside a closing quote mark; "… bring 'swift and severe costs'" is a headline.
        var last = line[^1];
        var quoteClosed = last is '"' or '”' or '’' or '\'' && line.Length > 1 && !char.IsLetterOrDigit(line[^2]);
        var closed = last is '.' or '!' or '?' or ')' or ':' or '…' || quoteClosed;
        Blocks.Add(new Block(s, e, closed || line.Length > 220 ? BlockKind.Body : BlockKind.Headline, null));
    }

    private static string? DebrisReason(string line)
    {
        if (TeaserLine().IsMatch(line))
        {
            return "teaser link";
        }

        if (line.Contains("cookie", StringComparison.OrdinalIgnoreCase))
        {
            return "cookie notice";
        }

        if (TrailingPrompt().IsMatch(line) || line.StartsWith("Was this article helpful", StringComparison.OrdinalIgnoreCase))
        {
            return "feedback prompt";
        }

        if (SyndicationNote().IsMatch(line))
        {
            return "syndication note";
        }

        return SharePrompt().IsMatch(line) ? "share prompt" : null;
    }

    private static string? PublishedLine(string line)
    {
        if (PublishedDayMonthYear().Match(line) is { Success: true } m && DateResolver.TryMonth(m.Groups["month"].Value, out var month))
        {
            return $"{m.Groups["year"].Value}-{month:00}-{int.Parse(m.Groups["day"].Value, System.Globalization.CultureInfo.InvariantCulture):00}";
        }

        return PublishedNumeric().Match(line) is { Success: true } n ? $"{n.Groups["year"].Value}-{n.Groups["month"].Value}-{n.Groups["day"].Value}" : null;
    }

    private void ReadQuotes(int blockIndex)
    {
        var block = Blocks[blockIndex];
        int? open = null;
        var closing = '\0';
        int? singleOpen = null;
        for (var i = block.Start; i < block.End; i++)
        {
            var c = Text[i];
            if (open is null)
            {
                if (c is '"' or '“')
                {
                    open = i;
                    closing = c == '"' ? '"' : '”';
                    singleOpen = null;
                }
                else if (c is '\'' or '‘' && singleOpen is null && (i == block.Start || !char.IsLetterOrDigit(Text[i - 1])) && i + 1 < block.End && char.IsLetter(Text[i + 1]))
                {
                    singleOpen = i;
                }
                else if (c is '\'' or '’' && singleOpen is { } so && i > so + 1 && char.IsLetterOrDigit(Text[i - 1]) && (i + 1 == block.End || !char.IsLetter(Text[i + 1])))
                {
                    Add(so, i);
                    singleOpen = null;
                }
            }
            else if (c == closing || (closing == '”' && c == '"'))
            {
                Add(open.Value, i);
                open = null;
            }
        }

        // "…themselves.¶"We would also…": the quote goes on in the next paragraph.
        if (open is not null && Blocks.Skip(blockIndex + 1).FirstOrDefault(b => b.Kind != BlockKind.Debris) is { Kind: BlockKind.Body } next && Text[next.Start] is '"' or '“')
        {
            Add(open.Value, block.End, runsOn: true);
        }

        void Add(int from, int to, bool runsOn = false)
        {
            var (s, e) = Trim(from + 1, to);
            if (e > s)
            {
                Quotes.Add(new Quote(from, to, s, e, blockIndex, runsOn));
            }
        }
    }

    private void ReadSentences(Block block)
    {
        var start = block.Start;
        for (var i = block.Start; i < block.End; i++)
        {
            if (InQuote(i) || Text[i] is not ('.' or '!' or '?'))
            {
                continue;
            }

            var next = i + 1;
            while (next < block.End && Text[next] is '"' or '”' or '’' or '\'' or ')')
            {
                next++;
            }

            if (next < block.End && !char.IsWhiteSpace(Text[next]))
            {
                continue;
            }

            var after = next;
            while (after < block.End && char.IsWhiteSpace(Text[after]))
            {
                after++;
            }

            if (after < block.End && !(char.IsUpper(Text[after]) || char.IsDigit(Text[after]) || Text[after] is '"' or '“' or '‘' or '(' or '\''))
            {
                continue;
            }

            if (Text[i] == '.' && EndsWithAbbreviation(start, i))
            {
                continue;
            }

            AddSentence(start, next);
            start = after;
        }

        if (start < block.End)
        {
            AddSentence(start, block.End);
        }
    }

    /// <summary>The longest sentence read as one, in characters: a longer run without a full stop is not prose, and is read in pieces.</summary>
    public const int MaxSentenceChars = 3000;

    /// <summary>
    /// Adds a sentence, cut at white space into pieces of at most <see cref="MaxSentenceChars"/>: what the rules do
    /// within a sentence then takes time in proportion to the text, not to its square.
    /// </summary>
    private void AddSentence(int start, int end)
    {
        while (end - start > MaxSentenceChars)
        {
            var cut = Text.LastIndexOf(' ', start + MaxSentenceChars - 1, MaxSentenceChars - 1);
            cut = cut <= start ? start + MaxSentenceChars : cut + 1;
            Sentences.Add((start, cut));
            start = cut;
        }

        Sentences.Add((start, end));
    }

    private bool EndsWithAbbreviation(int sentenceStart, int dot)
    {
        var wordStart = dot;
        while (wordStart > sentenceStart && !char.IsWhiteSpace(Text[wordStart - 1]))
        {
            wordStart--;
        }

        var word = Text[wordStart..dot].TrimStart('(', '"', '“');
        return Lexicon.Abbreviations.Contains(word) || (word.Length > 0 && word.Contains('.')) || (word.Length == 1 && char.IsUpper(word[0]));
    }

    private (int Start, int End) Trim(int start, int end)
    {
        while (start < end && char.IsWhiteSpace(Text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(Text[end - 1]))
        {
            end--;
        }

        return (start, end);
    }

    /// <summary>Words: acronyms with dots (<c>U.S.</c>), handles, and letters or digits joined by apostrophes.</summary>
    [GeneratedRegex(@"(?:\p{Lu}\.){2,}|@?[\p{L}\p{N}]+(?:['’][\p{L}]+)*")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"^\s*date (?<date>\d{4}-\d{2}-\d{2})\s")]
    private static partial Regex LeadingDateLine();

    [GeneratedRegex(@"(?:…|\.\.\.)\s*Read More$|^Read more\b|^Read More$|^(?:Also Read|ALSO READ|READ ALSO|Related)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TeaserLine();

    [GeneratedRegex(@"Give Feedback\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingPrompt();

    [GeneratedRegex(@"syndicated feed|has not been edited by|auto-generated from|distributed by .* syndication", RegexOptions.IgnoreCase)]
    private static partial Regex SyndicationNote();

    [GeneratedRegex(@"^(?:Follow us|Subscribe\b|Share (?:this|on)|Click here|Sign up|Advertisement$|Download the app)", RegexOptions.IgnoreCase)]
    private static partial Regex SharePrompt();

    [GeneratedRegex(@"^(?:By \p{Lu}[\w .&-]{0,60}$|[•·]|.*\b(?:Published|Updated|Created|Posted)\s*:|.*\|.*\|)")]
    private static partial Regex MetadataLine();

    [GeneratedRegex(@"(?:Published|Posted|Created)\s*:\s*(?<day>\d{1,2}) (?<month>[A-Z][a-z]+),? (?<year>\d{4})")]
    private static partial Regex PublishedDayMonthYear();

    [GeneratedRegex(@"(?:Published|Posted|Created)\s*:\s*(?<day>\d{2})-(?<month>\d{2})-(?<year>\d{4})")]
    private static partial Regex PublishedNumeric();

    /// <summary>The signature an embedded post ends with: <c>— Name (@handle) Month D, YYYY</c>.</summary>
    [GeneratedRegex(@"[—–-] (?<name>[^()—]+?) \((?<handle>@\w+)\) (?<date>[A-Z][a-z]+ \d{1,2}, \d{4})$")]
    public static partial Regex PostSignature();
}
