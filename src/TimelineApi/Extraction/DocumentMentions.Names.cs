using System.Text.RegularExpressions;
using TimelineApi.Common;

namespace TimelineApi.Extraction;

/// <summary>Reading names from a document's tokens: a title and the name after it, appositives, given names, and the references to people already named.</summary>
internal sealed partial class DocumentMentions
{
    /// <summary>Splits a run of capitalised words and role nouns into a title and the name after it.</summary>
    private void ReadRun(IReadOnlyList<Token> tokens, int from, int to, ParticipantDirectory directory)
    {
        if (to - from < 2)
        {
            return;
        }

        // The name: at most two capitalised words at the end of the run (three with an initial) that are not an office or another participant.
        var nameStart = to;
        while (nameStart > from && to - nameStart < MaxNameWords(tokens, to))
        {
            var t = tokens[nameStart - 1];
            var covering = _covering.GetValueOrDefault(t.Start);
            if (!char.IsUpper(t.Text[0]) || IsRoleWord(t) || Lexicon.TitleModifiers.Contains(t.Text.ToLowerInvariant()) && to - nameStart >= 2
                || (covering is not null && (covering.Kind != MentionKind.Name || !IsPerson(covering.Id))))
            {
                break;
            }

            nameStart--;
        }

        // A known person's whole name may be longer than two words; take what the directory matched.
        if (nameStart < to && _covering.GetValueOrDefault(tokens[to - 1].Start) is { } whole && whole.End == tokens[to - 1].End && IsPerson(whole.Id) && whole.Start < tokens[nameStart].Start)
        {
            nameStart = Enumerable.Range(from, to - from).First(k => tokens[k].Start >= whole.Start);
        }

        var titleStart = from;
        while (titleStart < nameStart && (Lexicon.TitleConnectors.Contains(tokens[titleStart].Key) || !(IsRoleWord(tokens[titleStart]) || char.IsUpper(tokens[titleStart].Text[0]))))
        {
            titleStart++;
        }

        var titleTokens = tokens.Skip(titleStart).Take(nameStart - titleStart).ToList();
        while (titleTokens.Count > 0 && Lexicon.TitleConnectors.Contains(titleTokens[^1].Key))
        {
            titleTokens.RemoveAt(titleTokens.Count - 1);
        }

        if (nameStart == to || titleTokens.Count == 0 || !titleTokens.Any(IsRoleWord))
        {
            return;
        }

        var title = _doc.Text[titleTokens[0].Start..titleTokens[^1].End];
        if (PersonNamed(nameStart, to, tokens, directory) is { } id)
        {
            Bindings.Add(new TitleBinding(title, HeadOf(title), id, titleTokens[0].Start));
        }
    }

    /// <summary>How many words a name may take that ends at <paramref name="to"/>: two, three with a middle initial.</summary>
    private static int MaxNameWords(IReadOnlyList<Token> tokens, int to)
        => to >= 2 && tokens[to - 2].Text.Length == 1 && char.IsUpper(tokens[to - 2].Text[0]) ? 3 : 2;

    /// <summary>The person the tokens [from, to) name: a known one (another spelling noted), else a new one if they look like a name.</summary>
    private string? PersonNamed(int from, int to, IReadOnlyList<Token> tokens, ParticipantDirectory directory)
    {
        var nameFrom = tokens[from].Start;
        var nameTo = tokens[to - 1].End;
        var nameText = ParticipantDirectory.Key(_doc.Text[nameFrom..nameTo]);
        var covered = Enumerable.Range(from, to - from).Select(k => _covering.GetValueOrDefault(tokens[k].Start)).OfType<Mention>().ToList();
        var person = covered.FirstOrDefault(m => m.Start >= nameFrom && m.End <= nameTo && IsPerson(m.Id));
        if (person is not null)
        {
            var known = directory.Participants.GetValueOrDefault(person.Id!);
            if (known is not null && !string.Equals(nameText, ParticipantDirectory.Key(person.Text), StringComparison.Ordinal) && !known.Aliases.Append(known.Name).Contains(nameText))
            {
                Variants.Add((person.Id!, nameText));
            }

            return person.Id;
        }

        if (to - from is >= 2 and <= 3 && tokens.Skip(from).Take(to - from).All(t => IsNameWord(t.Key) || (t.Text.Length == 1 && char.IsUpper(t.Text[0])))
            && covered.Count == 0)
        {
            var id = Mention.NewPrefix + TextKey.Normalize(nameText).Replace(' ', '-');
            NewPeople.TryAdd(id, nameText);
            return id;
        }

        return null;
    }

    /// <summary>Two capitalised words, the first a common given name (<c>Helen Marlowe</c>), name a person.</summary>
    private void FindNamedByGivenName(IReadOnlyList<Token> tokens)
    {
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if ((Lexicon.FemaleNames.Contains(tokens[i].Text) || Lexicon.MaleNames.Contains(tokens[i].Text)) && Adjacent(tokens[i], tokens[i + 1])
                && IsNameWord(tokens[i + 1].Key) && !_doc.InQuote(tokens[i].Start) && (i == 0 || !char.IsUpper(tokens[i - 1].Text[0]) || !Adjacent(tokens[i - 1], tokens[i])))
            {
                PersonNamed(i, i + 2, tokens, Directory);
            }
        }
    }

    /// <summary>
    /// <c>Name, the title,</c> after a name and <c>the title, Name,</c> before it: the title is the person's,
    /// and an unknown name with such a title is a new person.
    /// </summary>
    private void FindAppositives(IReadOnlyList<Token> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var length = NameAt(tokens, i);
            if (length == 0 || _doc.InQuote(tokens[i].Start))
            {
                continue;
            }

            var end = tokens[i + length - 1].End;
            if (Appositive().Match(_doc.Text, end) is { Success: true } after && after.Index == end && TitleWithRole(after.Groups["title"].Value) is { } title)
            {
                if (PersonNamed(i, i + length, tokens, Directory) is { } id)
                {
                    Bindings.Add(new TitleBinding(title, HeadOf(title), id, after.Groups["title"].Index));
                }
            }
            else if (AppositiveBefore().Match(_doc.Text, 0, tokens[i].Start) is { Success: true } before
                && _doc.Text[end..].TrimStart().StartsWith(',') && TitleWithRole(before.Groups["title"].Value) is { } titleBefore
                && PersonNamed(i, i + length, tokens, Directory) is { } id)
            {
                Bindings.Add(new TitleBinding(titleBefore, HeadOf(titleBefore), id, before.Groups["title"].Index));
            }

            i += length - 1;
        }
    }

    /// <summary>The number of words of a person's name starting at token <paramref name="i"/>: a person's mention, or two or three name-like words.</summary>
    private int NameAt(IReadOnlyList<Token> tokens, int i)
    {
        if (_covering.GetValueOrDefault(tokens[i].Start) is { } m && m.Start == tokens[i].Start && IsPerson(m.Id))
        {
            return tokens.Skip(i).TakeWhile(t => t.End <= m.End).Count();
        }

        if (!IsNameWord(tokens[i].Key) || (i > 0 && char.IsUpper(tokens[i - 1].Text[0]) && Adjacent(tokens[i - 1], tokens[i])))
        {
            return 0;
        }

        var n = 1;
        while (i + n < tokens.Count && n < 3 && Adjacent(tokens[i + n - 1], tokens[i + n]) && IsNameWord(tokens[i + n].Key))
        {
            n++;
        }

        return n >= 2 && Enumerable.Range(i, n).All(k => !_covering.ContainsKey(tokens[k].Start)) ? n : 0;
    }

    /// <summary>The title in an appositive, without its article, if a role noun stands in its first words.</summary>
    private static string? TitleWithRole(string phrase)
    {
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var start = words.Length > 0 && words[0] is "the" or "The" or "a" or "an" or "A" or "An" ? 1 : 0;
        var title = string.Join(' ', words.Skip(start));
        return words.Length - start is > 0 and <= 10 && words.Skip(start).Take(6).Any(w => Lexicon.RoleNouns.Contains(ParticipantDirectory.Key(w))) ? title : null;
    }

    /// <summary>Pronouns, <c>the</c> + office, and <c>a</c> + office: references to be resolved, or to someone unnamed.</summary>
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

            var kind = t.Text switch
            {
                "the" or "The" => MentionKind.Definite,
                "a" or "A" or "an" or "An" or "one" or "One" => MentionKind.Anonymous,
                _ => (MentionKind?)null,
            };
            if (kind is null)
            {
                continue;
            }

            // Modifiers and role nouns: "the Russian top diplomat", "the deputy foreign minister", "a senior State Department official".
            var lastRole = -1;
            for (var j = i + 1; j < tokens.Count && j - i <= 6 && Adjacent(tokens[j - 1], tokens[j]); j++)
            {
                var word = tokens[j];
                if (IsRoleWord(word))
                {
                    lastRole = j;
                }
                else if (!(char.IsUpper(word.Text[0]) || Lexicon.TitleModifiers.Contains(word.Key) || word.Key is "top" or "senior" or "administration" or "department" or "ministry"))
                {
                    break;
                }
            }

            // "the head of the Russian delegation"
            var end = lastRole;
            if (lastRole > 0 && lastRole + 3 < tokens.Count && tokens[lastRole + 1].Text == "of" && tokens[lastRole + 2].Text == "the" && tokens[lastRole + 3].Key != "delegation"
                && tokens.Skip(lastRole + 3).Take(3).ToList().FindIndex(t => t.Key == "delegation") is var d and >= 0)
            {
                end = lastRole + 3 + d;
            }

            if (lastRole < 0)
            {
                continue;
            }

            var beforeName = lastRole + 1 < tokens.Count && char.IsUpper(tokens[lastRole + 1].Text[0]) && Adjacent(tokens[lastRole], tokens[lastRole + 1]);
            if (!beforeName && !named.Any(m => m.Start <= tokens[lastRole].Start && m.End >= tokens[lastRole].End))
            {
                var head = HeadOf(_doc.Text[tokens[i + 1].Start..tokens[lastRole].End]);
                yield return new Mention(t.Start, tokens[end].End, null, _doc.Text[t.Start..tokens[end].End], kind.Value, head);
                i = end;
            }
        }
    }

    /// <summary>A title written right before someone else's name (<c>Prime Minister</c> in <c>Prime Minister Narendra Modi</c>) is that person's.</summary>
    private static bool TitleOfAnother(Mention m, List<Mention> mentions)
        => m.Kind == MentionKind.Title && mentions.FirstOrDefault(n => n.Start > m.End && n.Start - m.End <= 1 && n.Kind == MentionKind.Name) is { } next && next.Id != m.Id;

    private static bool IsTitleWord(Token t)
        => char.IsUpper(t.Text[0]) || IsRoleWord(t) || Lexicon.TitleModifiers.Contains(t.Key) || Lexicon.TitleConnectors.Contains(t.Key);

    private static bool IsRoleWord(Token t) => Lexicon.RoleNouns.Contains(t.Key);

    private static bool IsNameWord(string word)
        => word.Length > 1 && char.IsUpper(word[0]) && word.Skip(1).Any(char.IsLower) && !Lexicon.Months.ContainsKey(word) && !Lexicon.RoleNouns.Contains(word)
           && !Lexicon.TitleModifiers.Contains(word.ToLowerInvariant()) && !Lexicon.Affiliations.ContainsKey(word)
           && word is not ("Monday" or "Tuesday" or "Wednesday" or "Thursday" or "Friday" or "Saturday" or "Sunday" or "The" or "Mr" or "Ms" or "Mrs");

    private bool Adjacent(Token a, Token b) => _doc.Text[a.End..b.Start] is var gap && (gap == " " || gap == "-");

    /// <summary>The office a title names: its last role noun before <c>of</c>/<c>for</c>/<c>to</c> (<c>secretary</c> in <c>Deputy Secretary of State</c>).</summary>
    private static string HeadOf(string title)
    {
        var words = title.Split(' ').Select(ParticipantDirectory.Key).ToList();
        var connector = words.FindIndex(w => w is "of" or "for" or "to" or "at");
        var scope = connector > 0 ? words[..connector] : words;
        return Lexicon.HeadOf(scope.LastOrDefault(Lexicon.RoleNouns.Contains) ?? words.LastOrDefault(Lexicon.RoleNouns.Contains) ?? words[^1]);
    }

    /// <summary>After a name: <c>, the White House press secretary</c> or <c>, Putin's foreign policy adviser,</c>.</summary>
    [GeneratedRegex(@"\G,\s+(?<title>[^,.;:""“”()]{2,90}?(?:U\.S\.[^,.;:""“”()]{0,60}?)?)(?=\s*[,.;]|\s+(?:was|is|said|says|told|has|had|added)\b)")]
    private static partial Regex Appositive();

    /// <summary>Before a name: <c>Russia's envoy to the body, </c> at the start of a sentence or clause.</summary>
    [GeneratedRegex(@"(?:^|[.;:!?]\s+|,\s+|\)\s+|[-—–]\s+|\n)(?<title>[^,.;:""“”()\n]{2,80}?),\s*$", RegexOptions.RightToLeft)]
    private static partial Regex AppositiveBefore();
}
