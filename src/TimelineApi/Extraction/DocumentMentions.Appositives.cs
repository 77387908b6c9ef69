using System.Text.RegularExpressions;

namespace TimelineApi.Extraction;

/// <summary>Titles written beside a name, set off by commas (<c>Name, the title,</c> and <c>the title, Name,</c>), and the titles they give.</summary>
internal sealed partial class DocumentMentions
{
    /// <summary>
    /// <c>Name, the title,</c> after a name and <c>the title, Name,</c> before it: the title is the person's,
    /// and an unknown name with such a title is a new person.
    /// </summary>
    private void FindAppositives(IReadOnlyList<Token> tokens)
    {
        var names = NamesOutsideQuotes(tokens).ToList();
        var byFirst = names.ToDictionary(n => n.First);
        foreach (var (i, length, end) in names)
        {
            if (Appositive().Match(_doc.Text, end) is { Success: true } after && after.Index == end && TitleWithRole(after.Groups["title"].Value) is { } title)
            {
                if (PersonNamed(i, i + length, tokens, Directory) is { } id)
                {
                    Bindings.Add(new TitleBinding(title, HeadOf(title), id, after.Groups["title"].Index));
                }
            }
            else if (AppositiveBefore().Match(_doc.Text, 0, i > 0 && Lexicon.Honorifics.Contains(tokens[i - 1].Text) ? tokens[i - 1].Start : tokens[i].Start) is { Success: true } before)
            {
                var rest = _doc.Text[end..].TrimStart();
                // "her Finnish counterpart, Paavo Lehtinen." ends its sentence; "The two ministers, A and B," names both.
                if ((rest.StartsWith(',') || rest.StartsWith('.') && (rest.Length == 1 || char.IsWhiteSpace(rest[1])))
                    && TitleWithRole(before.Groups["title"].Value) is { } titleBefore && PersonNamed(i, i + length, tokens, Directory) is { } id)
                {
                    Bindings.Add(new TitleBinding(titleBefore, HeadOf(titleBefore), id, before.Groups["title"].Index));
                }
                else if (rest.StartsWith("and ", StringComparison.Ordinal) && EachOf(before.Groups["title"].Value) is { } each
                    && byFirst.TryGetValue(i + length + 1, out var second)
                    && _doc.Text[second.End..].TrimStart().StartsWith(','))
                {
                    foreach (var (from, to) in new[] { (i, i + length), (second.First, second.First + second.Length) })
                    {
                        if (PersonNamed(from, to, tokens, Directory) is { } person)
                        {
                            Bindings.Add(new TitleBinding(each, HeadOf(each), person, before.Groups["title"].Index));
                        }
                    }
                }
            }
        }
    }


    /// <summary>
    /// The title in an appositive, without its article, if a role noun stands in its first words and no verb stands in it;
    /// in a clause, the title is its last noun phrase (<c>President X will host his Tanzanian counterpart, Y,</c>: Y's title is
    /// <c>Tanzanian counterpart</c>).
    /// </summary>
    private static string? TitleWithRole(string phrase)
    {
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var verb = Array.FindLastIndex(words, w => Lexicon.Auxiliaries.Contains(w) || Lexicon.EventVerbs.ContainsKey(w) || Lexicon.SpeechPhrasesByFirstWord.ContainsKey(w)
            || w.Length > 4 && char.IsLower(w[0]) && w.EndsWith("ed", StringComparison.Ordinal));
        if (verb >= 0 || words.Length > 10)
        {
            var determiner = Array.FindLastIndex(words, w => w is "his" or "her" or "its" or "their" or "the" or "a" or "an");
            words = determiner > verb ? words[(determiner + 1)..] : [];
        }

        var start = words.Length > 0 && words[0] is "the" or "The" or "a" or "an" or "A" or "An" ? 1 : 0;
        var title = string.Join(' ', words.Skip(start));
        return words.Length - start is > 0 and <= 10 && words.Skip(start).Take(6).Any(w => Lexicon.RoleNouns.Contains(ParticipantDirectory.Key(w))) ? title : null;
    }

    /// <summary>
    /// The office each of several people holds, from a plural title naming them together: <c>The two foreign ministers</c>
    /// is <c>foreign minister</c>; null when the title is not plural.
    /// </summary>
    private static string? EachOf(string phrase)
    {
        var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .SkipWhile(w => w is "the" or "The" or "two" or "three" or "four" or "both" or "Both").ToList();
        if (words.Count is 0 or > 5 || words[^1] is not { Length: > 3 } last || !last.EndsWith('s') || !Lexicon.RoleNouns.Contains(last[..^1]))
        {
            return null;
        }

        words[^1] = last[..^1];
        return string.Join(' ', words);
    }


    /// <summary>After a name: <c>, the White House press secretary</c> or <c>, Putin's foreign policy adviser,</c>.</summary>
    [GeneratedRegex(@"\G,\s+(?<title>[^,.;:""“”()]{2,90}?(?:U\.S\.[^,.;:""“”()]{0,60}?)?)(?=\s*[,.;]|\s+(?:was|is|said|says|told|has|had|added)\b)")]
    private static partial Regex Appositive();

    /// <summary>Before a name: <c>Russia's envoy to the body, </c> at the start of a sentence or clause.</summary>
    [GeneratedRegex(@"(?:^|[.;:!?]\s+|,\s+|\)\s+|[-—–]\s+|[""”]\s+|\n)(?<title>[^,.;:""“”()\n]{2,160}?),\s*$", RegexOptions.RightToLeft)]
    private static partial Regex AppositiveBefore();
}
