using System.Text.RegularExpressions;
using TimelineApi.Common;

namespace TimelineApi.Extraction;

/// <summary>A title the document gives someone: <c>Kremlin aide Yury Ushakov</c>, <c>Jen Psaki, the White House press secretary</c>.</summary>
internal sealed record TitleBinding(string Title, string Head, string Id, int Start);

/// <summary>
/// Who is mentioned where in one document. People are found by the titles written before their names
/// (<c>Deputy Secretary of State Helen Marlowe</c>: the title is peeled off, the name is its last words),
/// by appositives on either side (<c>Daniel Prescott, the U.S. ambassador to the OSCE,</c>;
/// <c>Russia's envoy to the body, Konstantin Ilyin,</c>) and by common given names. References are
/// resolved as a reader would: <c>he</c> and <c>she</c> to the latest person of that gender who acted
/// or spoke; <c>the deputy minister</c>, <c>the Russian diplomat</c> to the latest person whose titles
/// agree; <c>a senior official</c> is someone unnamed, and <c>the official</c> after it stays unnamed.
/// </summary>
internal sealed partial class DocumentMentions
{
    private readonly SourceDocument _doc;
    private readonly Dictionary<string, char> _gender = new(StringComparer.Ordinal);
    private readonly Dictionary<Mention, string?> _resolved = [];
    private readonly Dictionary<Mention, bool> _subjects = [];

    /// <summary>While titles are learned: the directory's mention covering each word, by the word's offset.</summary>
    private Dictionary<int, Mention> _covering = [];

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
            found.Bindings.Where(b => ParticipantDirectory.Words(b.Title).Count > 1 || !Lexicon.RoleNouns.Contains(b.Title)).Select(b => (b.Title, b.Id, MentionKind.Title))
                .Concat(found.NewPeople.SelectMany(p => NamesOf(p.Key, p.Value)))
                .Concat(found.Variants.Select(v => (v.Text, v.Id, MentionKind.Name))));
        var mentions = found.Directory.Find(doc, tokens);
        mentions.AddRange(found.References(tokens, mentions));
        found.All = [.. mentions.Where(m => !TitleOfAnother(m, mentions)).OrderBy(m => m.Start)];
        found.InTitles = [.. first.Where(f => !found.IsPerson(f.Id) && found.All.Any(m => m.Kind == MentionKind.Title && m.Start <= f.Start && m.End >= f.End))];
        found.LearnGenders();
        return found;
    }

    /// <summary>
    /// How a new person is referred to: the whole name and the surname; the first word too when it is no
    /// common given name, since many names put the family name first (<c>Liu Jian</c> is <c>Liu</c>).
    /// </summary>
    private static IEnumerable<(string, string, MentionKind)> NamesOf(string id, string name)
    {
        var words = ParticipantDirectory.Words(name);
        yield return (name, id, MentionKind.Name);
        yield return (words[^1], id, MentionKind.Name);
        if (words.Count == 2 && !Lexicon.FemaleNames.Contains(words[0]) && !Lexicon.MaleNames.Contains(words[0]))
        {
            yield return (words[0], id, MentionKind.Name);
        }
    }

    /// <summary>The participant a mention refers to, following pronouns and role nouns to whom they stand for.</summary>
    public string? Resolve(Mention mention)
    {
        if (mention.Kind is MentionKind.Name or MentionKind.Title or MentionKind.Anonymous)
        {
            return mention.Id;
        }

        if (!_resolved.TryGetValue(mention, out var id))
        {
            _resolved[mention] = id = mention.Kind == MentionKind.Pronoun ? ResolvePronoun(mention) : ResolveDefinite(mention);
        }

        return id;
    }

    /// <summary>The mentions that lie within [start, end), in document order.</summary>
    public IEnumerable<Mention> Within(int start, int end)
    {
        for (var i = SourceDocument.FirstStartingAt(All, start, m => m.Start); i < All.Count && All[i].Start < end; i++)
        {
            if (All[i].End <= end)
            {
                yield return All[i];
            }
        }
    }

    public bool IsPerson(string? id) => id is not null && (NewPeople.ContainsKey(id) || Directory.KindOf(id) == "person");

    public string NameOf(string id) => NewPeople.TryGetValue(id, out var name) ? name : Directory.Participants.TryGetValue(id, out var p) ? p.Name : id;

    /// <summary>
    /// Whether the words right after a mention are its verb (<c>Peskov said</c>, <c>Marlowe, who led the
    /// delegation, said</c>) or right before it an inverted one (<c>said Irina Volkova</c>): who acts in a
    /// sentence rather than who is acted on.
    /// </summary>
    public bool IsSubject(Mention m)
    {
        if (_subjects.TryGetValue(m, out var known))
        {
            return known;
        }

        return _subjects[m] = ReadsAsSubject(m);
    }

    private bool ReadsAsSubject(Mention m)
    {
        var sentence = _doc.SentenceAt(m.Start);
        var after = _doc.TokensIn(m.End, sentence.End);
        var i = SkipAside(after, 0, m.End);
        while (i < after.Count && Lexicon.Adverbs.Contains(after[i].Text))
        {
            i++;
        }

        if (i < after.Count && IsVerbLike(after[i].Text))
        {
            return true;
        }

        var before = _doc.TokensIn(sentence.Start, m.Start);
        return before.Count > 0 && before[^1].Text is "said" or "says" or "added" or "told";
    }

    /// <summary>Past a comma-enclosed aside that starts right after the mention (<c>, who chairs the OSCE,</c>): the index of the first token after it.</summary>
    private int SkipAside(List<Token> tokens, int i, int from)
    {
        if (i >= tokens.Count || _doc.Text[from..tokens[i].Start].Trim() != ",")
        {
            return i;
        }

        for (var j = i; j < tokens.Count && j - i < 16; j++)
        {
            if (j + 1 < tokens.Count && _doc.Text[tokens[j].End..tokens[j + 1].Start].Trim() == ",")
            {
                return j + 1;
            }
        }

        return i;
    }

    private static bool IsVerbLike(string word)
        => Lexicon.SpeechPhrasesByFirstWord.ContainsKey(word) || word is "met" or "meets" or "held" or "holds" or "had" or "has" or "have" or "made" or "will" or "would"
           or "was" or "is" or "spoke" or "speaks" or "took" or "called" or "recalled" or "arrived" or "agreed" or "expects" or "expected" or "hopes" or "sees"
           or "led" or "urged" or "committed" or "reaffirmed" or "reiterated" or "underscored" or "briefed" or "commented" or "accused" or "could" or "can"
           || (word.Length > 3 && char.IsLower(word[0]) && word.EndsWith("ed", StringComparison.Ordinal));

    /// <summary><c>he</c>/<c>she</c>: the latest person of that gender who was a sentence's subject in this paragraph or the two before, else the latest such person named.</summary>
    private string? ResolvePronoun(Mention pronoun)
    {
        var gender = pronoun.Text.Equals("she", StringComparison.OrdinalIgnoreCase) ? 'f' : 'm';
        var blocks = _doc.Blocks;
        var here = blocks.FindIndex(b => pronoun.Start >= b.Start && pronoun.Start <= b.End);
        var from = blocks[Math.Max(0, here - 2)].Start;
        var candidates = Occurrences(from, pronoun.Start).Where(o => Agrees(o.Id, gender)).ToList();
        var subjects = candidates.Where(o => o.Subject).ToList();
        return subjects.Count > 0 ? subjects[^1].Id : candidates.Count > 0 ? candidates[^1].Id : null;
    }

    /// <summary>
    /// <c>the [modifiers] role</c>: of the people named before it, the one whose titles agree best with
    /// the role (the same office, else one of its family: a minister is a diplomat) and whose affiliation
    /// does not contradict the modifiers (<c>Russian</c>, <c>U.S.</c>, <c>NATO</c>); the latest on a tie.
    /// An unnamed <c>a senior official</c> after that person takes the reference.
    /// </summary>
    private string? ResolveDefinite(Mention mention)
    {
        var head = mention.Head!;
        var modifiers = mention.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(ParticipantDirectory.Key).Where(w => !Lexicon.RoleNouns.Contains(w) && !Lexicon.TitleConnectors.Contains(w)).ToList();
        (string Id, int Score, int At)? best = null;
        var here = _doc.Blocks.FindIndex(b => mention.Start >= b.Start && mention.Start <= b.End);
        var from = _doc.Blocks[Math.Max(0, here - 8)].Start;
        foreach (var (id, at, _) in Occurrences(from, mention.Start, subjects: false).Where(o => o.Id is not null).GroupBy(o => o.Id).Select(g => g.Last()))
        {
            var titles = TitlesOf(id!);
            var heads = titles.Select(HeadOf).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var score = heads.Contains(head) ? 3
                : Lexicon.RoleFamilies.TryGetValue(head, out var family) && heads.Overlaps(family) ? 2
                : 0;
            var words = titles.SelectMany(t => t.Split(' ')).Select(ParticipantDirectory.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var affiliations = AffiliationsOf(words);
            var contradicted = false;
            foreach (var modifier in modifiers)
            {
                if (Lexicon.Affiliations.TryGetValue(modifier, out var place))
                {
                    contradicted |= affiliations.Count > 0 && !affiliations.Contains(place);
                    score += affiliations.Contains(place) ? 1 : 0;
                }
                else
                {
                    score += words.Contains(modifier) ? 1 : 0;
                }
            }

            if (!contradicted && score > 0 && (best is null || score > best.Value.Score || (score == best.Value.Score && at > best.Value.At)))
            {
                best = (id!, score, at);
            }
        }

        var unnamed = Within(from, mention.Start).LastOrDefault(a => a.Kind == MentionKind.Anonymous && !_doc.InQuote(a.Start)
            && (a.Head == head || (Lexicon.RoleFamilies.TryGetValue(head, out var f) && f.Contains(a.Head!))));
        return unnamed is not null && (best is null || unnamed.Start > best.Value.At) ? null : best?.Id;
    }

    /// <summary>Where people are referred to by name, title or a resolved role noun, outside quotes, in [from, to).</summary>
    private IEnumerable<(string? Id, int At, bool Subject)> Occurrences(int from, int to, bool subjects = true)
    {
        foreach (var m in Within(from, to))
        {
            if (_doc.InQuote(m.Start) || m.Kind is MentionKind.Pronoun or MentionKind.Anonymous)
            {
                continue;
            }

            var id = Resolve(m);
            if (IsPerson(id))
            {
                yield return (id, m.Start, subjects && IsSubject(m));
            }
        }
    }

    private List<string> TitlesOf(string id)
        => [.. Bindings.Where(b => b.Id == id).Select(b => b.Title)
            .Concat(Directory.Participants.TryGetValue(id, out var p) ? p.Titles : [])];

    private static HashSet<string> AffiliationsOf(HashSet<string> titleWords)
        => [.. titleWords.Select(w => Lexicon.Affiliations.GetValueOrDefault(w)).OfType<string>()];

    private bool Agrees(string? id, char gender) => id is not null && (!_gender.TryGetValue(id, out var g) || g == gender);

    /// <summary>A person's gender where the document or the name says it: a common given name, or a gendered title.</summary>
    private void LearnGenders()
    {
        foreach (var id in All.Where(m => IsPerson(m.Id)).Select(m => m.Id!).Distinct())
        {
            var given = NameOf(id).Split(' ')[0];
            char? gender = Lexicon.FemaleNames.Contains(given) ? 'f' : Lexicon.MaleNames.Contains(given) ? 'm' : null;
            gender ??= TitlesOf(id).SelectMany(t => t.Split(' ')).Select(w => Lexicon.GenderedRoles.TryGetValue(w, out var g) ? g : (char?)null).FirstOrDefault(g => g is not null);
            if (gender is { } g)
            {
                _gender[id] = g;
            }
        }
    }

    /// <summary>Titles before names, appositives after and before them, and people named by a common given name.</summary>
    private void LearnTitles(IReadOnlyList<Token> tokens, List<Mention> mentions, ParticipantDirectory directory)
    {
        var next = 0;
        foreach (var m in mentions)
        {
            while (next < tokens.Count && tokens[next].Start < m.Start)
            {
                next++;
            }

            for (var k = next; k < tokens.Count && tokens[k].End <= m.End; k++)
            {
                _covering[tokens[k].Start] = m;
            }
        }

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
                ReadRun(tokens, runStart, i, directory);
            }

            runStart = IsTitleWord(tokens[i]) && !Lexicon.TitleConnectors.Contains(tokens[i].Text) ? i : -1;
        }

        if (runStart >= 0)
        {
            ReadRun(tokens, runStart, tokens.Count, directory);
        }

        FindNamedByGivenName(tokens);
        FindAppositives(tokens);
        Bindings.Sort((a, b) => a.Start.CompareTo(b.Start));
    }

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
