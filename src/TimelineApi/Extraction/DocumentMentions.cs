using System.Text.RegularExpressions;
using TimelineApi.Common;

namespace TimelineApi.Extraction;

/// <summary>A title the document gives someone: <c>Kremlin aide Yury Ushakov</c>, <c>Jen Psaki, the White House press secretary</c>.</summary>
internal sealed record TitleBinding(string Title, string Head, string Id, int Start);

/// <summary>
/// Who is mentioned where in one document. Titles are learned from the document itself (a title
/// written before a name, or after it between commas), so that <c>Putin's foreign policy adviser</c>
/// finds the adviser the report names elsewhere; new people are those a title introduces; pronouns
/// and <c>the spokesperson</c> resolve to the person named nearby.
/// </summary>
internal sealed partial class DocumentMentions
{
    private readonly SourceDocument _doc;

    private DocumentMentions(SourceDocument doc)
    {
        _doc = doc;
    }

    public List<Mention> All { get; private set; } = [];

    /// <summary>Organisations and countries named inside a title (<c>White House</c> in <c>White House spokesperson</c>).</summary>
    public List<Mention> InTitles { get; private set; } = [];
    public List<TitleBinding> Bindings { get; } = [];

    /// <summary>Names of new people, by their <c>new:</c> id.</summary>
    public Dictionary<string, string> NewPeople { get; } = new(StringComparer.Ordinal);

    /// <summary>Forms of known names the document writes (<c>Yury Ushakov</c> for Yuri Ushakov).</summary>
    public List<(string Id, string Text)> Variants { get; } = [];

    public ParticipantDirectory Directory { get; private set; } = null!;

    public static DocumentMentions Find(SourceDocument doc, ParticipantDirectory directory, IReadOnlyList<Token> tokens)
    {
        var found = new DocumentMentions(doc) { Directory = directory };
        var first = directory.Find(doc, tokens);
        found.LearnTitles(tokens, first, directory);
        found.Directory = directory.With(
            found.Bindings.Select(b => (b.Title, b.Id, MentionKind.Title))
                .Concat(found.NewPeople.SelectMany(p => new[] { (p.Value, p.Key, MentionKind.Name), (ParticipantDirectory.Words(p.Value)[^1], p.Key, MentionKind.Name) }))
                .Concat(found.Variants.Select(v => (v.Text, v.Id, MentionKind.Name))));
        var mentions = found.Directory.Find(doc, tokens);
        mentions.AddRange(found.References(tokens, mentions));
        found.All = [.. mentions.Where(m => !TitleOfAnother(m, mentions)).OrderBy(m => m.Start)];
        found.InTitles = [.. first.Where(f => !found.IsPerson(f.Id) && found.All.Any(m => m.Kind == MentionKind.Title && m.Start <= f.Start && m.End >= f.End))];
        return found;
    }

    /// <summary>The participant a mention refers to, following pronouns and <c>the</c> + title to whom they stand for.</summary>
    public string? Resolve(Mention mention)
    {
        switch (mention.Kind)
        {
            case MentionKind.Pronoun:
                var block = _doc.BlockAt(mention.Start);
                return All.LastOrDefault(m => m.End <= mention.Start && m.Start >= block.Start - 1500 && m.Kind is MentionKind.Name or MentionKind.Title
                    && !_doc.InQuote(m.Start) && IsPerson(m.Id))?.Id;
            case MentionKind.Definite:
                // "the Russian President" is the president the report calls Russian; "the spokesperson" the one named nearest before.
                var modifiers = mention.Text.Split(' ').Skip(1).SkipLast(1).ToList();
                var candidates = Bindings.Where(b => b.Head == mention.Head && modifiers.All(w => b.Title.Split(' ').Contains(w))).ToList();
                return (candidates.LastOrDefault(b => b.Start < mention.Start) ?? candidates.FirstOrDefault())?.Id;
            default:
                return mention.Id;
        }
    }

    public bool IsPerson(string? id) => id is not null && (NewPeople.ContainsKey(id) || Directory.KindOf(id) == "person");

    public string NameOf(string id) => NewPeople.TryGetValue(id, out var name) ? name : Directory.Participants.TryGetValue(id, out var p) ? p.Name : id;

    /// <summary>Titles before names (<c>Kremlin spokesman Dmitry Peskov</c>) and after them (<c>Jen Psaki, the White House press secretary</c>).</summary>
    private void LearnTitles(IReadOnlyList<Token> tokens, List<Mention> mentions, ParticipantDirectory directory)
    {
        var runStart = -1;
        for (var i = 0; i < tokens.Count; i++)
        {
            // A possessive ends a name ("Biden's call").
            var joins = runStart >= 0 && Adjacent(tokens[i - 1], tokens[i]) && tokens[i - 1].Key == tokens[i - 1].Text;
            if (IsTitleWord(tokens[i]) && joins)
            {
                continue;
            }

            if (runStart >= 0)
            {
                ReadRun(tokens, runStart, i, mentions, directory);
            }

            runStart = IsTitleWord(tokens[i]) ? i : -1;
        }

        if (runStart >= 0)
        {
            ReadRun(tokens, runStart, tokens.Count, mentions, directory);
        }

        foreach (var m in mentions.Where(m => IsPerson(m.Id)).Concat(NewPeople.Keys.SelectMany(id => NewPeopleMentions(id))).ToList())
        {
            if (Appositive().Match(_doc.Text, m.End) is { Success: true } a && a.Index == m.End && EndsWithRole(a.Groups["title"].Value))
            {
                Bindings.Add(new TitleBinding(a.Groups["title"].Value, HeadOf(a.Groups["title"].Value), m.Id!, a.Groups["title"].Index));
            }
        }

        Bindings.Sort((a, b) => a.Start.CompareTo(b.Start));
    }

    private IEnumerable<Mention> NewPeopleMentions(string id)
    {
        var name = NewPeople[id];
        for (var at = _doc.Text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = _doc.Text.IndexOf(name, at + name.Length, StringComparison.Ordinal))
        {
            yield return new Mention(at, at + name.Length, id, name, MentionKind.Name);
        }
    }

    /// <summary>Splits a run of capitalised words and role nouns into a title and the name after it.</summary>
    private void ReadRun(IReadOnlyList<Token> tokens, int from, int to, List<Mention> mentions, ParticipantDirectory directory)
    {
        if (to - from < 2)
        {
            return;
        }

        // The name: capitalised words at the end of the run that are not an office or another participant.
        var nameStart = to;
        while (nameStart > from)
        {
            var t = tokens[nameStart - 1];
            var covering = mentions.FirstOrDefault(m => m.Start <= t.Start && m.End >= t.End);
            if (!char.IsUpper(t.Text[0]) || IsRoleWord(t) || (covering is not null && (covering.Kind != MentionKind.Name || !IsPerson(covering.Id))))
            {
                break;
            }

            nameStart--;
        }

        var titleStart = from;
        while (titleStart < nameStart && (tokens[titleStart].Key == "of" || !(IsRoleWord(tokens[titleStart]) || char.IsUpper(tokens[titleStart].Text[0]))))
        {
            titleStart++;
        }

        var titleTokens = tokens.Skip(titleStart).Take(nameStart - titleStart).ToList();
        while (titleTokens.Count > 0 && titleTokens[^1].Key == "of")
        {
            titleTokens.RemoveAt(titleTokens.Count - 1);
        }

        if (nameStart == to || titleTokens.Count == 0 || !titleTokens.Any(IsRoleWord) || !(IsRoleWord(titleTokens[^1]) || titleTokens.Any(t => t.Key == "of")))
        {
            return;
        }

        var nameFrom = tokens[nameStart].Start;
        var nameTo = tokens[to - 1].End;
        var nameText = ParticipantDirectory.Key(_doc.Text[nameFrom..nameTo]);
        var title = _doc.Text[titleTokens[0].Start..titleTokens[^1].End];
        var person = mentions.FirstOrDefault(m => m.Start >= nameFrom && m.End <= nameTo && IsPerson(m.Id));
        string id;
        if (person is not null)
        {
            id = person.Id!;
            if (!string.Equals(nameText, ParticipantDirectory.Key(person.Text), StringComparison.Ordinal) && !directory.Participants[id].Aliases.Append(directory.Participants[id].Name).Contains(nameText))
            {
                Variants.Add((id, nameText));
            }
        }
        else if (to - nameStart is >= 2 and <= 3 && tokens.Skip(nameStart).Take(to - nameStart).All(t => IsNameWord(t.Key)))
        {
            id = Mention.NewPrefix + TextKey.Normalize(nameText).Replace(' ', '-');
            NewPeople.TryAdd(id, nameText);
        }
        else
        {
            return;
        }

        Bindings.Add(new TitleBinding(title, HeadOf(title), id, titleTokens[0].Start));
    }

    /// <summary>Pronouns and <c>the</c> + office, to be resolved to someone named nearby.</summary>
    private IEnumerable<Mention> References(IReadOnlyList<Token> tokens, List<Mention> named)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Text is "he" or "He" or "she" or "She")
            {
                yield return new Mention(t.Start, t.End, null, t.Text, MentionKind.Pronoun);
                continue;
            }

            if (t.Text is not ("the" or "The"))
            {
                continue;
            }

            var j = i + 1;
            while (j < tokens.Count && j - i <= 3 && !IsRoleWord(tokens[j]) && char.IsUpper(tokens[j].Text[0]))
            {
                j++;
            }

            while (j + 1 < tokens.Count && IsRoleWord(tokens[j + 1]) && Adjacent(tokens[j], tokens[j + 1]))
            {
                j++;
            }

            if (j < tokens.Count && IsRoleWord(tokens[j]) && (j + 1 == tokens.Count || !char.IsUpper(tokens[j + 1].Text[0]) || !Adjacent(tokens[j], tokens[j + 1]))
                && !named.Any(m => m.Start <= tokens[j].Start && m.End >= tokens[j].End))
            {
                yield return new Mention(t.Start, tokens[j].End, null, _doc.Text[t.Start..tokens[j].End], MentionKind.Definite, Lexicon.HeadOf(tokens[j].Key));
                i = j;
            }
        }
    }

    /// <summary>A title written right before someone else's name (<c>Prime Minister</c> in <c>Prime Minister Narendra Modi</c>) is that person's.</summary>
    private static bool TitleOfAnother(Mention m, List<Mention> mentions)
        => m.Kind == MentionKind.Title && mentions.FirstOrDefault(n => n.Start > m.End && n.Start - m.End <= 1 && n.Kind == MentionKind.Name) is { } next && next.Id != m.Id;

    private static bool IsTitleWord(Token t)
        => char.IsUpper(t.Text[0]) || IsRoleWord(t) || Lexicon.TitleModifiers.Contains(t.Key) || t.Key == "of";

    private static bool IsRoleWord(Token t) => Lexicon.RoleNouns.Contains(t.Key);

    private static bool IsNameWord(string word)
        => word.Length > 1 && char.IsUpper(word[0]) && word.Skip(1).Any(char.IsLower) && !Lexicon.Months.ContainsKey(word)
           && word is not ("Monday" or "Tuesday" or "Wednesday" or "Thursday" or "Friday" or "Saturday" or "Sunday");

    private bool Adjacent(Token a, Token b) => _doc.Text[a.End..b.Start] is var gap && (gap == " " || gap == "-");

    private static bool EndsWithRole(string title) => title.Split(' ')[^1] is var last && Lexicon.RoleNouns.Contains(last);

    private static string HeadOf(string title)
        => Lexicon.HeadOf(title.Split(' ').Select(ParticipantDirectory.Key).LastOrDefault(Lexicon.RoleNouns.Contains) ?? title.Split(' ')[^1]);

    /// <summary>After a name: <c>, the White House press secretary</c> or <c>, Putin's foreign policy adviser,</c>.</summary>
    [GeneratedRegex(@"\G,\s+(?:the\s+|The\s+)?(?<title>(?:[\p{L}’'\-]+ ){0,5}[\p{L}’'\-]+)(?=\s*[,.;]|\s+(?:was|is|said|says|told|has|had|added)\b)")]
    private static partial Regex Appositive();
}
