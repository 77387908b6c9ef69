namespace TimelineApi.Extraction;

/// <summary>What kind of line a block of a document is.</summary>
internal enum BlockKind
{
    /// <summary>Running text of the report.</summary>
    Body,

    /// <summary>A headline or subheading: no closing punctuation; its quotes are not statements.</summary>
    Headline,

    /// <summary>Bylines, dates, tags: read for the publication date only.</summary>
    Metadata,

    /// <summary>Not part of the report: teasers, cookie notices, feedback prompts, syndication notes.</summary>
    Debris,

    /// <summary>An embedded social media post: its text, its author and its date.</summary>
    Post,
}

/// <summary>A line of the document and what it is.</summary>
internal sealed record Block(int Start, int End, BlockKind Kind, string? Reason);

/// <summary>
/// A quoted passage: the offsets of its marks and of the words between them. A quote that runs on into
/// the next paragraph (which opens with a quote mark) has no closing mark: <see cref="RunsOn"/>, and
/// <see cref="Close"/> is the end of its paragraph.
/// </summary>
internal sealed record Quote(int Open, int Close, int TextStart, int TextEnd, int Block, bool RunsOn = false);

/// <summary>A word of the document, with the form names are matched in (no possessive <c>'s</c>).</summary>
internal readonly record struct Token(int Start, int End, string Text, string Key);
