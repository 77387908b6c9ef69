using CsCheck;
using TimelineApi.Extraction;
using TimelineApi.Seed;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Extraction;

/// <summary>
/// Reports as pasted from anywhere: pieces of real-looking report text cut at any character, shuffled,
/// joined by odd punctuation (unclosed quotes, lone commas, stray line breaks, titles with no name after
/// them). Whatever comes in, the extractor answers, and everything it answers points into the text.
/// </summary>
public sealed class ExtractorPropertyTests
{
    private static readonly Extractor s_extractor = new(SeedEvaluation.KnownBefore(SeedSet.LoadEmbedded(), sourceId: null));

    private static readonly string[] s_pieces = [.. Corpus.Load(RepositoryFiles.PathOf("tests", "ExtractionCorpus", "dev"))
        .Select(r => r.Text)
        .Concat(SeedSet.LoadEmbedded().Sources.Select(s => s.Text))];

    private static readonly Gen<string> s_joiners = Gen.OneOf(
        " ", "\n", "\n\n", ", ", "\"", "“", "”", "'", "‘", ", the ", " said ", " told reporters ", ": \"", ",\" ", " he said.", " the deputy minister",
        " Deputy Secretary of State", " a senior official said \"", " on Tuesday", " a day earlier,", " Mr.", ".", "—", " (", ")", "\u00a0", "\t");

    private static readonly Gen<string> s_fragments = Gen.Select(Gen.Int[0, s_pieces.Length - 1], Gen.Double[0, 1], Gen.Int[0, 400],
        (piece, from, length) =>
        {
            var text = s_pieces[piece];
            var start = (int)(from * text.Length);
            return text[start..Math.Min(text.Length, start + length)];
        });

    private static readonly Gen<string> s_reports = Gen.Select(s_fragments, s_joiners).Array[1, 12]
        .Select(parts => string.Concat(parts.Select(p => p.Item1 + p.Item2)));

    [Fact]
    public void AnyText_IsRead_AndEveryProposalPointsIntoIt()
        => s_reports.Select(Gen.OneOf<string?>(null, "2021-12-08", "2022-01-10")).Sample((text, published) =>
        {
            var result = s_extractor.Extract(new DocumentInput(text, PublishedAt: published));

            Assert.All(result.Statements, s =>
            {
                AssertPointsInto(text, s.Span);
                Assert.InRange(s.Confidence, 0, 1);
                Assert.True(s.SpeakerId is null || s.SpeakerText is not null);
                if (s.Attribution is { } a)
                {
                    AssertPointsInto(text, a);
                }
            });
            Assert.All(result.Participants, p => Assert.All(p.Evidence, e => AssertPointsInto(text, e)));
            Assert.All(result.Events, e =>
            {
                Assert.All(e.Evidence, ev => AssertPointsInto(text, ev));
                Assert.True(e.Start is null || e.End is null || string.CompareOrdinal(e.Start, e.End) <= 0, $"{e.Start}..{e.End}");
                Assert.InRange(e.Confidence, 0, 1);
            });
            Assert.All(result.Dates, d => AssertPointsInto(text, d.Span));
        }, iter: 1000);

    private static void AssertPointsInto(string text, Evidence evidence)
    {
        Assert.InRange(evidence.Start, 0, text.Length);
        Assert.InRange(evidence.End, evidence.Start, text.Length);
        Assert.Equal(text[evidence.Start..evidence.End], evidence.Text);
    }
}
