namespace TimelineApi.Extraction;

/// <summary>Reading names from a document's tokens: a title and the name after it, appositives, given names, and the references to people already named.</summary>
internal sealed partial class DocumentMentions
{
    /// <summary>Splits a run of capitalised words and role nouns into a title and the name after it.</summary>
    private void ReadRun(IReadOnlyList<Token> tokens, int from, int to, ParticipantDirectory directory)
    {
        // A run may go on past the name into the country of the office (President Mohamed Zahir Rasheed of Maldives).
        while (to - from > 3 && _covering.GetValueOrDefault(tokens[to - 1].Start) is { Kind: MentionKind.Name } place && !IsPerson(place.Id))
        {
            var placeStart = to - 1;
            while (placeStart > from && tokens[placeStart - 1].Start >= place.Start)
            {
                placeStart--;
            }

            if (placeStart - 1 <= from || tokens[placeStart - 1].Key is not ("of" or "for"))
            {
                break;
            }

            to = placeStart - 1;
        }

        // A run may go on past the name into its date (Minister Pavel Korzun on Wednesday): the name ends before it.
        while (to - from > 2 && (Lexicon.TitleConnectors.Contains(tokens[to - 1].Key) || IsCalendarWord(tokens[to - 1].Text)))
        {
            to--;
        }

        if (to - from < 2)
        {
            return;
        }

        // The name: at most four capitalised words at the end of the run, with the particles and hyphenated parts between them
        // (da Costa, bin Khalifa, Sung-hoon), that are not an office, an honorific or another participant.
        var nameStart = to;
        while (nameStart > from && (WordsOfName(tokens, nameStart, to) < MaxNameWords || !StartsWord(tokens, nameStart)))
        {
            var t = tokens[nameStart - 1];
            var covering = _covering.GetValueOrDefault(t.Start);
            if (!(char.IsUpper(t.Text[0]) || IsNamePart(tokens, nameStart - 1)) || IsRoleWord(t) || Lexicon.Honorifics.Contains(t.Text)
                || (Lexicon.TitleModifiers.Contains(t.Text.ToLowerInvariant()) || Lexicon.Affiliations.ContainsKey(t.Text)) && WordsOfName(tokens, nameStart, to) >= 2
                || (covering is not null && (covering.Kind != MentionKind.Name || !IsPerson(covering.Id))))
            {
                break;
            }

            nameStart--;
        }

        // Words right after a connector end the title (Secretary of State Thomas Avery, President of Finland Matti Laine): the name
        // is the last two words. A name starts with a capitalised word: particles left at its start belong to the title's side.
        var afterConnector = nameStart > from && Lexicon.TitleConnectors.Contains(tokens[nameStart - 1].Key);
        while (nameStart < to && (!char.IsUpper(tokens[nameStart].Text[0]) || !StartsWord(tokens, nameStart) || afterConnector && WordsOfName(tokens, nameStart, to) > 2))
        {
            nameStart++;
        }

        // A known person's whole name may be longer than two words; take what the directory matched.
        if (nameStart < to && _covering.GetValueOrDefault(tokens[to - 1].Start) is { } whole && whole.End == tokens[to - 1].End && IsPerson(whole.Id) && whole.Start < tokens[nameStart].Start)
        {
            nameStart = Enumerable.Range(from, to - from).First(k => tokens[k].Start >= whole.Start);
        }

        var titleStart = from;
        while (titleStart < nameStart && (Lexicon.TitleConnectors.Contains(tokens[titleStart].Key) || Lexicon.Honorifics.Contains(tokens[titleStart].Text)
            || !(IsRoleWord(tokens[titleStart]) || char.IsUpper(tokens[titleStart].Text[0]))))
        {
            titleStart++;
        }

        var titleTokens = tokens.Skip(titleStart).Take(nameStart - titleStart).ToList();
        while (titleTokens.Count > 0 && (Lexicon.TitleConnectors.Contains(titleTokens[^1].Key) || Lexicon.Honorifics.Contains(titleTokens[^1].Text)))
        {
            titleTokens.RemoveAt(titleTokens.Count - 1);
        }

        if (nameStart == to || titleTokens.Count == 0 || !titleTokens.Any(IsRoleWord))
        {
            return;
        }

        // A name does not follow "the" (the UN envoy for the Great Lakes): that is a place or a body.
        if (nameStart > 0 && tokens[nameStart - 1].Key == "the")
        {
            return;
        }

        var title = _doc.Text[titleTokens[0].Start..titleTokens[^1].End];
        // One word after an office is a one-word name (Foreign Minister Sutrisno); after "of" it is a place (Prime Minister of Bhutan).
        var titled = nameStart > from && IsRoleWord(tokens[nameStart - 1]);
        if (PersonNamed(nameStart, to, tokens, directory, titled) is { } id)
        {
            Bindings.Add(new TitleBinding(title, HeadOf(title), id, titleTokens[0].Start));
        }
    }

    /// <summary>True when <paramref name="word"/> also ends a longer name in the document (<c>Secretary Avery</c> beside <c>Thomas Avery</c>): a surname, not a one-word name.</summary>
    private bool EndsAnotherName(IReadOnlyList<Token> tokens, string word)
    {
        if (!_endsAnotherName.TryGetValue(word, out var ends))
        {
            _endsAnotherName[word] = ends = Enumerable.Range(1, tokens.Count - 1).Any(k => tokens[k].Key == word && Adjacent(tokens[k - 1], tokens[k])
                && IsNameWord(tokens[k - 1].Key) && !IsRoleWord(tokens[k - 1]) && !Lexicon.Honorifics.Contains(tokens[k - 1].Text));
        }

        return ends;
    }

    /// <summary>Words already looked for as the end of a longer name in the document (the tokens read are always the document's).</summary>
    private readonly Dictionary<string, bool> _endsAnotherName = new(StringComparer.Ordinal);

    private static bool IsCalendarWord(string word)
        => Lexicon.Months.ContainsKey(word) || word is "Monday" or "Tuesday" or "Wednesday" or "Thursday" or "Friday" or "Saturday" or "Sunday";

    /// <summary>The most words a name takes: <c>Luiz Augusto da Costa Neves</c>, <c>Maria Fernanda Lopez de la Cruz</c>.</summary>
    private const int MaxNameWords = 4;

    /// <summary>The words of the name [from, to): its capitalised words, a hyphenated one (<c>Al-Nuaimi</c>, <c>Sung-hoon</c>) counting once.</summary>
    private int WordsOfName(IReadOnlyList<Token> tokens, int from, int to)
        => Enumerable.Range(from, to - from).Count(k => char.IsUpper(tokens[k].Text[0]) && (StartsWord(tokens, k) || char.IsLower(tokens[k - 1].Text[0])));

    /// <summary>True when token <paramref name="i"/> is not the hyphenated tail of the word before it.</summary>
    private bool StartsWord(IReadOnlyList<Token> tokens, int i)
        => i == 0 || i >= tokens.Count || _doc.Text[tokens[i - 1].End..tokens[i].Start] != "-";

    /// <summary>
    /// A lower-case part of a name: a particle between its words (<c>da</c> in <c>da Costa</c>, <c>al</c> in <c>al-Harthi</c>,
    /// <c>de la</c>), or the hyphenated tail of a given name (<c>hoon</c> in <c>Sung-hoon</c>).
    /// </summary>
    private bool IsNamePart(IReadOnlyList<Token> tokens, int i)
    {
        var t = tokens[i];
        if (char.IsUpper(t.Text[0]) || i == 0 || !Adjacent(tokens[i - 1], t))
        {
            return false;
        }

        var before = tokens[i - 1];
        if (!StartsWord(tokens, i))
        {
            return char.IsUpper(before.Text[0]) && t.Text.Length <= 6 && t.Text.All(char.IsLower);
        }

        return Lexicon.NameParticles.Contains(t.Text) && (char.IsUpper(before.Text[0]) || Lexicon.NameParticles.Contains(before.Text))
            && i + 1 < tokens.Count && Adjacent(t, tokens[i + 1]) && (char.IsUpper(tokens[i + 1].Text[0]) || Lexicon.NameParticles.Contains(tokens[i + 1].Text));
    }

    /// <summary>
    /// The person the tokens [from, to) name: a known one (another spelling noted), else a new one if they look like a name:
    /// two to four words (one after a title: <c>Foreign Minister Sutrisno</c>) with the particles of names between them.
    /// </summary>
    private string? PersonNamed(int from, int to, IReadOnlyList<Token> tokens, ParticipantDirectory directory, bool titled = false)
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

        // The last words of someone's longer name are that person (Da Costa Neves, after Luiz Augusto da Costa Neves), and so is
        // its first word alone when that is no common given name (Minister Tran, after Tran Duc Long: the family name first).
        if (NewPeople.FirstOrDefault(p => p.Value.Length > nameText.Length && p.Value.EndsWith(" " + nameText, StringComparison.OrdinalIgnoreCase)) is { Key: { } longer })
        {
            return longer;
        }

        if (to - from == 1 && NewPeople.Where(p => p.Value.StartsWith(nameText + " ", StringComparison.Ordinal)).Select(p => p.Key).ToList() is [var family]
            && !Lexicon.FemaleNames.Contains(nameText) && !Lexicon.MaleNames.Contains(nameText))
        {
            Variants.Add((family, nameText));
            return family;
        }

        var words = WordsOfName(tokens, from, to);
        if ((words is >= 2 and <= MaxNameWords || (words == 1 && titled && to - from == 1 && tokens[from].Text.Length > 3 && !EndsAnotherName(tokens, tokens[from].Key)))
            && Enumerable.Range(from, to - from).All(k => IsNameWord(tokens[k].Key) || IsNamePart(tokens, k) || (tokens[k].Text.Length == 1 && char.IsUpper(tokens[k].Text[0])))
            && covered.Count == 0)
        {
            var id = Mention.NewId(nameText);
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
    /// Names the sentence itself marks as people's, without a title: led by one (<c>led by Deng Malual Akol</c>), or one who acts or
    /// speaks (<c>Kim Jae-won, who heads the bureau,</c>, <c>Kim Jae-won told reporters</c>).
    /// </summary>
    private void FindNamedByContext(IReadOnlyList<Token> tokens)
    {
        var names = NamesOutsideQuotes(tokens).ToList();
        for (var n = 0; n < names.Count; n++)
        {
            var (i, length, end) = names[n];
            var ledBy = i >= 2 && tokens[i - 1].Key == "by" && tokens[i - 2].Key is "led" or "headed" or "chaired"
                || i >= 1 && tokens[i - 1].Key is "told" or "telephoned" or "phoned" or "met" or "received" or "hosted" or "welcomed";
            var acts = Acts(tokens, i + length, end);
            // "Arjun Thapa and Vikram Sethi met on …": both act.
            // "Nepal's Arjun Thapa and China's Wang Lei met": a country's possessive may stand before the second.
            var together = n + 1 < names.Count && names[n + 1] is var next && tokens[i + length].Key == "and"
                && (next.First == i + length + 1 || next.First == i + length + 2 && IsPossessive(tokens[i + length + 1]))
                && Acts(tokens, next.First + next.Length, next.End);
            if (ledBy || acts || together)
            {
                PersonNamed(i, i + length, tokens, Directory);
            }

            if (together)
            {
                PersonNamed(names[n + 1].First, names[n + 1].First + names[n + 1].Length, tokens, Directory);
            }
        }
    }

    /// <summary>A name after a courtesy title (<c>Mr. Thapa</c>, <c>Mrs Sethi</c>, <c>Dr. Amina Yusuf</c>) is a person's, one word or more.</summary>
    private void FindNamedAfterHonorifics(IReadOnlyList<Token> tokens)
    {
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Text is not ("Mr" or "Mrs" or "Ms" or "Dr" or "Madame" or "Monsieur") || _doc.InQuote(tokens[i].Start)
                || _doc.Text[tokens[i].End..tokens[i + 1].Start] is not (" " or ". "))
            {
                continue;
            }

            var end = i + 1;
            while (end < tokens.Count && end - i <= MaxNameWords && IsNameWord(tokens[end].Key) && !_covering.ContainsKey(tokens[end].Start)
                && (end == i + 1 || Adjacent(tokens[end - 1], tokens[end])))
            {
                end++;
            }

            if (end > i + 1)
            {
                PersonNamed(i + 1, end, tokens, Directory, titled: true);
            }
        }
    }

    private static bool IsPossessive(Token t) => t.Text.EndsWith("'s", StringComparison.Ordinal) || t.Text.EndsWith("’s", StringComparison.Ordinal);

    /// <summary>Whether the words after a name at token <paramref name="at"/> make it one who speaks or acts (<c>, who</c>, <c>said</c>, <c>met</c>, <c>will</c>).</summary>
    private bool Acts(IReadOnlyList<Token> tokens, int at, int end)
    {
        if (at >= tokens.Count)
        {
            return false;
        }

        var after = tokens[at];
        var gap = _doc.Text[end..after.Start];
        return gap == ", " && after.Key == "who"
            || gap == " " && (after.Key is "said" or "told" or "added" or "says" or "stressed" or "noted" or "will" or "met" or "held" or "spoke"
                || Lexicon.EventVerbs.ContainsKey(after.Key) && char.IsLower(after.Text[0]));
    }

    /// <summary>Each name-like run of words outside quotes (see <see cref="NameAt"/>): its first token, its length in tokens, and where it ends.</summary>
    private IEnumerable<(int First, int Length, int End)> NamesOutsideQuotes(IReadOnlyList<Token> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var length = NameAt(tokens, i);
            if (length > 0 && !_doc.InQuote(tokens[i].Start))
            {
                yield return (i, length, tokens[i + length - 1].End);
                i += length - 1;
            }
        }
    }

    private int NameAt(IReadOnlyList<Token> tokens, int i)
    {
        if (_covering.GetValueOrDefault(tokens[i].Start) is { } m && m.Start == tokens[i].Start && IsPerson(m.Id))
        {
            return tokens.Skip(i).TakeWhile(t => t.End <= m.End).Count();
        }

        if (!IsNameWord(tokens[i].Key) || Lexicon.Honorifics.Contains(tokens[i].Text)
            || (i > 0 && char.IsUpper(tokens[i - 1].Text[0]) && !Lexicon.Honorifics.Contains(tokens[i - 1].Text) && !IsCalendarWord(tokens[i - 1].Text)
                && Adjacent(tokens[i - 1], tokens[i]) && !IsPossessive(tokens[i - 1])))
        {
            return 0;
        }

        var n = 1;
        while (i + n < tokens.Count && Adjacent(tokens[i + n - 1], tokens[i + n])
            && (IsNameWord(tokens[i + n].Key) && WordsOfName(tokens, i, i + n + 1) <= MaxNameWords || IsNamePart(tokens, i + n)))
        {
            n++;
        }

        // A name ends on a word of its own, not on a particle.
        while (n > 1 && !char.IsUpper(tokens[i + n - 1].Text[0]) && StartsWord(tokens, i + n - 1))
        {
            n--;
        }

        return WordsOfName(tokens, i, i + n) >= 2 && Enumerable.Range(i, n).All(k => !_covering.ContainsKey(tokens[k].Start)) ? n : 0;
    }

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
           && !IsCalendarWord(word) && !Lexicon.NotNames.Contains(word) && word is not ("The" or "Mr" or "Ms" or "Mrs");

    /// <summary>Two words of one phrase: a space or a hyphen between them, or an initial's stop (<c>S. Raghunathan</c>).</summary>
    private bool Adjacent(Token a, Token b)
        => _doc.Text[a.End..b.Start] is var gap && (gap == " " || gap == "-" || (gap == ". " && a.Text.Length == 1 && char.IsUpper(a.Text[0])));

    /// <summary>The office a title names: its last role noun before <c>of</c>/<c>for</c>/<c>to</c> (<c>secretary</c> in <c>Deputy Secretary of State</c>).</summary>
    private static string HeadOf(string title)
    {
        var words = title.Split(' ').Select(ParticipantDirectory.Key).ToList();
        var connector = words.FindIndex(w => w is "of" or "for" or "to" or "at");
        var scope = connector > 0 ? words[..connector] : words;
        return Lexicon.HeadOf(scope.LastOrDefault(Lexicon.RoleNouns.Contains) ?? words.LastOrDefault(Lexicon.RoleNouns.Contains) ?? words[^1]);
    }
}
