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
    /// How a new person is referred to: the whole name and its last word; the family name with its particles
    /// (<c>da Costa Neves</c>, <c>Lopez de la Cruz</c>, <c>al-Harthi</c>) and the last two words of a longer name
    /// (<c>Restrepo Uribe</c>); the first word too when it is no common given name, since many names put the family
    /// name first (<c>Liu Jian</c> is <c>Liu</c>, <c>Kim Sung-hoon</c> is <c>Kim</c>) and others are referred to by the
    /// given name (<c>Tesfaye</c>).
    /// </summary>
    private static IEnumerable<(string, string, MentionKind)> NamesOf(string id, string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        yield return (name, id, MentionKind.Name);
        yield return (words[^1], id, MentionKind.Name);
        var particle = Array.FindIndex(words, w => Lexicon.NameParticles.Contains(w.Split('-')[0]));
        if (particle > 0)
        {
            yield return (string.Join(' ', words[particle..]), id, MentionKind.Name);
            if (particle > 1)
            {
                yield return (string.Join(' ', words[(particle - 1)..]), id, MentionKind.Name);
            }
        }
        else if (words.Length >= 3)
        {
            yield return (string.Join(' ', words[^2..]), id, MentionKind.Name);
        }

        // A name of three words or more may go by its second alone: the first of two family names (Valdés, for Ignacio Valdés
        // Errázuriz; Ocampo, for Graciela Ocampo de Pellegrini). Not a father's name after bin or ibn, nor a particle.
        if (words.Length >= 3 && char.IsUpper(words[1][0]) && !Lexicon.NameParticles.Contains(words[1].ToLowerInvariant()) && !words.Any(w => w is "bin" or "bint" or "ibn"))
        {
            yield return (words[1], id, MentionKind.Name);
        }

        // Arabic names with a patronymic are referred to by the first name (Sheikh Hamad, for Hamad bin Khalifa Al-Nuaimi).
        var patronymic = words.Any(w => w is "bin" or "bint" or "ibn");
        if ((words.Length == 2 || patronymic) && !Lexicon.FemaleNames.Contains(words[0]) && !Lexicon.MaleNames.Contains(words[0]))
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
           || (word.Length > 3 && char.IsLower(word[0]) && word.EndsWith("ed", StringComparison.Ordinal)) || Lexicon.EventVerbs.ContainsKey(word);

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
            if ((IsTitleWord(tokens[i]) || IsNamePart(tokens, i)) && joins)
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
        FindNamedByContext(tokens);
        FindNamedAfterHonorifics(tokens);
        Bindings.Sort((a, b) => a.Start.CompareTo(b.Start));
    }
}
