namespace TimelineApi.Extraction;

/// <summary>Where in the document a proposal comes from: UTF-16 offsets and the text there.</summary>
public sealed record Evidence(int Start, int End, string Text);

/// <summary>A participant the extractor can recognise: its name, other names, and the titles it holds.</summary>
public sealed record KnownParticipant(string Id, string Name, string Kind, IReadOnlyList<string> Aliases, IReadOnlyList<string> Titles);

/// <summary>A document to read, with what is known of it apart from its text.</summary>
public sealed record DocumentInput(string Text, string? Title = null, string? Publisher = null, string? PublishedAt = null);

/// <summary>A direct quote and who said it, with the words that attribute it.</summary>
public sealed record StatementProposal(
    string Text, Evidence Span, string? SpeakerId, string? SpeakerText, Evidence? Attribution, string Rule, double Confidence,
    string? Date, bool DateInferred);

/// <summary>
/// A participant the document names: a known one (<see cref="Id"/> set) with any names and titles the
/// document adds, or a new one (<see cref="Id"/> null) to be created.
/// </summary>
public sealed record ParticipantProposal(
    string? Id, string Name, string Kind, IReadOnlyList<string> NewAliases, IReadOnlyList<string> Titles,
    IReadOnlyList<Evidence> Evidence, double Confidence);

/// <summary>An event the document reports or announces, dated where the document dates it.</summary>
public sealed record EventProposal(
    string Title, string Kind, string? Format, string Status, string? Start, string? End, string? DatePrecision, bool DateInferred,
    string? DateNote, int? DurationMinutes, string? Location, IReadOnlyList<string> Participants, IReadOnlyList<Evidence> Evidence,
    double Confidence)
{
    public bool IsMeeting => Lexicon.MeetingKinds.Contains(Kind);
}

/// <summary>A date or duration as written, and what it resolves to (null when it cannot be resolved).</summary>
public sealed record DateMention(
    Evidence Span, string? Start, string? End, string? Precision, bool Relative, int? DurationMinutes, string? Note);

/// <summary>Everything the extractor proposes for one document.</summary>
public sealed record ExtractionResult(
    string? Title, string? PublishedAt, string? PublishedAtText,
    IReadOnlyList<Evidence> Dropped,
    IReadOnlyList<ParticipantProposal> Participants,
    IReadOnlyList<StatementProposal> Statements,
    IReadOnlyList<EventProposal> Events,
    IReadOnlyList<DateMention> Dates);
