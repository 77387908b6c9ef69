using TimelineApi.Extraction;
using TimelineApi.Seed;

namespace TimelineApi.Tests.Extraction;

public sealed class ExtractorTests
{
    /// <summary>A directory with names only: titles must come from the text.</summary>
    private static readonly KnownParticipant[] s_known =
    [
        new("dmitry-peskov", "Dmitry Peskov", "person", [], []),
        new("yuri-ushakov", "Yuri Ushakov", "person", [], []),
        new("vladimir-putin", "Vladimir Putin", "person", [], []),
        new("joe-biden", "Joe Biden", "person", [], []),
        new("the-kremlin", "The Kremlin", "organization", [], []),
        new("united-states", "United States", "country", [], []),
        new("russia", "Russia", "country", [], []),
        new("european-countries", "European countries", "group", [], []),
    ];

    private static ExtractionResult Extract(string text, string? published = "2021-12-08")
        => new Extractor(s_known).Extract(new DocumentInput(text, PublishedAt: published));

    private static (string? Speaker, string Text) Only(ExtractionResult result)
        => Assert.Single(result.Statements) is var s ? (s.SpeakerId, s.Text) : default;

    [Fact]
    public void SeedEvaluation_MeetsTheAgreedPrecisionAndRecall()
    {
        var report = SeedEvaluation.Run(SeedSet.LoadEmbedded());

        var statements = report.Total("statements");
        var dates = report.Total("dates");
        var meetings = report.Total("meetings");
        Assert.True(statements.F1 == 1, report.ToMarkdown(details: true));
        Assert.True(dates.F1 == 1, report.ToMarkdown(details: true));
        Assert.True(meetings.F1 == 1, report.ToMarkdown(details: true));
        Assert.Equal(25, statements.Expected);
        Assert.All(report.Sources, s => Assert.True(s.Result.Statements.All(st => s.Result.Dropped.All(d => st.Span.Start < d.Start || st.Span.Start >= d.End))));
    }

    [Theory]
    [InlineData("\"We are ready to talk,\" Peskov said.", "dmitry-peskov", "We are ready to talk,")]
    [InlineData("\"We are ready to talk,\" said Dmitry Peskov.", "dmitry-peskov", "We are ready to talk,")]
    [InlineData("Peskov said: \"We are ready to talk.\"", "dmitry-peskov", "We are ready to talk.")]
    [InlineData("Yuri Ushakov, the Kremlin aide, was quoted saying, “The talks went well.”", "yuri-ushakov", "The talks went well.")]
    [InlineData("\"Russia wants guarantees,\" the Kremlin said.", "the-kremlin", "Russia wants guarantees,")]
    [InlineData("Kremlin has said that ties are “lamentable” for now.", "the-kremlin", "lamentable")]
    [InlineData("The Kremlin rejected Washington's so-called 'red lines' on Monday.", "united-states", "red lines")]
    public void AttributionPatterns_FindTheSpeaker(string text, string speaker, string quote)
        => Assert.Equal((speaker, quote), Only(Extract(text)));

    [Theory]
    [InlineData("Under Secretary of State Wendy Hollis said the talks were \"useful.\"", "Wendy Hollis")]
    [InlineData("Deputy Foreign Minister of Russia Pavel Orlov spoke. \"We wait,\" Orlov said.", "Pavel Orlov")]
    [InlineData("Michael Varga, the U.S. ambassador to the OSCE, told reporters: \"We are ready.\"", "Michael Varga")]
    [InlineData("Russia's envoy to the body, Ivan Sokol, said Moscow was \"not bluffing.\"", "Ivan Sokol")]
    [InlineData("\"We have always said so,\" said Irina Belova, a spokeswoman for the Russian Foreign Ministry.", "Irina Belova")]
    [InlineData("Chinese Foreign Ministry spokesperson Li Ming spoke on Monday. \"Dialogue is the only way,\" Li said.", "Li Ming")]
    public void ANewPerson_WhoseTitleIsGluedOrSetApart_IsTheSpeaker_WithoutTheTitle(string text, string speaker)
    {
        var statement = Assert.Single(Extract(text).Statements);

        Assert.Equal(speaker, statement.SpeakerText);
        Assert.StartsWith(Mention.NewPrefix, statement.SpeakerId, StringComparison.Ordinal);
    }

    [Fact]
    public void ANameInsideTheQuote_IsNeverItsSpeaker()
    {
        var result = Extract("""
            Kremlin spokesman Dmitry Peskov spoke to reporters.
            "President Putin is always ready for contacts," Peskov said.
            "We told Mr. Ushakov everything," the spokesman added.
            """);

        Assert.All(result.Statements, s => Assert.Equal("dmitry-peskov", s.SpeakerId));
    }

    [Fact]
    public void PronounsAndRoleNouns_FindTheLatestPersonWhoseGenderAndOfficeAgree()
    {
        var result = Extract("""
            Deputy Secretary of State Helen Marsh met Deputy Foreign Minister Pavel Orlov and Deputy Defence Minister Oleg Ryabov.
            Marsh said the talks were frank. "We were clear," she said.
            Orlov, who led the delegation, said Moscow would wait. "We cannot wait forever," the Russian diplomat said.
            "The drills are routine," the deputy defence minister said.
            """, published: "2022-01-10");

        Assert.Equal(["Helen Marsh", "Pavel Orlov", "Oleg Ryabov"], result.Statements.Select(s => s.SpeakerText));
    }

    [Fact]
    public void AnUnnamedSource_GivesNoSpeaker_AndTheOfficialAfterItStaysUnnamed()
    {
        var result = Extract("""
            Peskov spoke first. A senior State Department official said the meeting would be "a chance to talk."
            "We are not bringing a response," the official said.
            """);

        Assert.All(result.Statements, s => Assert.Null(s.SpeakerId));
        Assert.All(result.Statements, s => Assert.True(s.Confidence < 0.5));
    }

    [Fact]
    public void AQuoteRunningOverTwoParagraphs_KeepsItsSpeaker()
    {
        var result = Extract("""
            "We will not send troops," Putin said. "What we would do is help.

            "We would also reinforce the flank."
            """);

        Assert.Equal(["vladimir-putin", "vladimir-putin", "vladimir-putin"], result.Statements.Select(s => s.SpeakerId));
    }

    [Theory]
    [InlineData("The talks between the deputy ministers of both countries in Geneva last Friday were long.", "2022-01-24", "2022-01-21", "held")]
    [InlineData("Russian Deputy Foreign Minister Pavel Orlov said during their video call a day earlier nothing changed.", "2021-12-08", "2021-12-07", "held")]
    [InlineData("Putin and Biden will hold a telephone conversation later on Thursday, Peskov said.", "2021-12-30", "2021-12-30", "scheduled")]
    [InlineData("Talks were held in Geneva on Monday and at NATO in Brussels on Wednesday.", "2022-01-13", "2022-01-12", "held")]
    [InlineData("Officials will open the talks on Monday, with a NATO-Russia Council to follow on Wednesday.", "2022-01-06", "2022-01-12", "scheduled")]
    [InlineData("He recalled that the presidents had spoken for more than two hours on December 7.", "2021-12-14", "2021-12-07", "held")]
    [InlineData("Biden spoke by phone on Thursday with the Ukrainian president.", "2022-01-28", "2022-01-27", "held")]
    [InlineData("\"On Tuesday, Vladimir Putin will hold talks with the chancellor,\" Ushakov said.", "2022-02-07", "2022-02-08", "scheduled")]
    [InlineData("Monday's talks in Geneva had ended without progress.", "2022-01-12", "2022-01-10", "held")]
    public void EventsAreDated_AcrossTheirClause_AndByTheReportsDay(string text, string published, string day, string status)
        => Assert.Contains(Extract(text, published).Events, e => e.Start == day && e.Status == status);

    [Fact]
    public void AReadoutsLead_WithoutADate_IsDatedByTheReport_AsInferred()
    {
        var call = Assert.Single(Extract("Vladimir Putin had a telephone conversation with Joe Biden.\n\nThe conversation was frank.", "2021-12-30").Events);

        Assert.Equal(("2021-12-30", "held", true), (call.Start, call.Status, call.DateInferred));
    }

    [Fact]
    public void QuoteSplitAroundItsAttribution_GivesBothPartsToTheSpeaker()
    {
        var result = Extract("\"We will meet again,\" Peskov said, \"but not this week.\"");

        Assert.Equal(
            [("dmitry-peskov", "We will meet again,"), ("dmitry-peskov", "but not this week")],
            result.Statements.Select(s => (s.SpeakerId, s.Text)));
    }

    [Fact]
    public void PronounsAndTitles_ResolveToThePersonNamedNearby()
    {
        var result = Extract("""
            Kremlin spokesman Dmitry Peskov spoke to reporters. "No date is set," the spokesman said.
            Putin spoke first. "We want peace," he said.
            """);

        Assert.Equal(["dmitry-peskov", "vladimir-putin"], result.Statements.Select(s => s.SpeakerId));
        Assert.Contains("Kremlin spokesman", Assert.Single(result.Participants, p => p.Id == "dmitry-peskov").Titles);
    }

    [Fact]
    public void ATitledNameNotKnown_IsProposedAsANewParticipant_AndAnotherSpellingAsAnAlias()
    {
        var result = Extract("Foreign Minister Anna Berg met Kremlin aide Yury Ushakov. \"It was useful,\" Berg said.");

        var berg = Assert.Single(result.Participants, p => p.Id is null);
        Assert.Equal(("Anna Berg", "person", "Foreign Minister"), (berg.Name, berg.Kind, Assert.Single(berg.Titles)));
        Assert.Contains("Yury Ushakov", Assert.Single(result.Participants, p => p.Id == "yuri-ushakov").NewAliases);
        Assert.Equal("It was useful,", Assert.Single(result.Statements).Text);
    }

    [Theory]
    [InlineData("the January 9 and 10 security meeting", "2021-12-30", "2022-01-09", "2022-01-10", "day")]
    [InlineData("the summit on 16 June 2021", "2021-12-06", "2021-06-16", null, "day")]
    [InlineData("a video call on Dec 7", "2021-12-12", "2021-12-07", null, "day")]
    [InlineData("December 7, 2021", null, "2021-12-07", null, "day")]
    [InlineData("the Kremlin said on Tuesday", "2021-12-08", "2021-12-07", null, "day")]
    [InlineData("the Kremlin said on Sunday", "2021-12-12", "2021-12-12", null, "day")]
    [InlineData("the Tuesday call", "2021-12-06", "2021-12-07", null, "day")]
    [InlineData("they will meet on Tuesday", "2021-12-08", "2021-12-14", null, "day")]
    [InlineData("an invasion early next year", "2021-12-08", "2022", null, "year")]
    [InlineData("in June this year", "2021-12-06", "2021-06", null, "month")]
    public void Dates_ResolveFromThePublicationDate(string text, string? published, string start, string? end, string precision)
    {
        var date = Assert.Single(DateResolver.Find(text, 0, text.Length, published), d => d.DurationMinutes is null);
        Assert.Equal((start, end, precision), (date.Start, date.End, date.Precision));
    }

    [Theory]
    [InlineData("ended the two-hour-long video conference", 120)]
    [InlineData("In 50 minutes phone call", 50)]
    [InlineData("after the two-hour talks", 120)]
    public void Durations_AreReadInMinutes(string text, int minutes)
        => Assert.Equal(minutes, Assert.Single(DateResolver.Find(text, 0, text.Length, "2021-12-08")).DurationMinutes);

    [Fact]
    public void RelativeDates_WithoutAPublicationDate_AreLeftUnresolved()
        => Assert.Null(Assert.Single(DateResolver.Find("on Tuesday", 0, 10, null)).Start);

    [Fact]
    public void Meetings_GetTheStatusTheReportImplies()
    {
        var result = Extract("""
            Putin and Biden held a video call on Dec 7. Thereafter, a meeting is scheduled for January 13 between United States, Russia and European countries.
            The two leaders would like to meet in person at some stage.
            """, "2021-12-30");

        var meetings = result.Events.Where(e => e.IsMeeting).Select(e => (e.Status, e.Start)).ToList();
        Assert.Equal([("held", "2021-12-07"), ("scheduled", "2022-01-13"), ("proposed", null)], meetings);
        Assert.Equal(["united-states", "russia", "european-countries"], result.Events.Single(e => e.Start == "2022-01-13").Participants);
        Assert.Equal(["vladimir-putin", "joe-biden"], result.Events.Single(e => e.Status == "proposed").Participants);
    }

    [Fact]
    public void PageDebris_IsDropped_AndHeadlineQuotesAreNotStatements()
    {
        var result = Extract("""
            Biden warns Putin of "robust" measures
            "We are ready," Peskov said.
            Prince William said it was ‘probably the hardest’ of his…  Read More
            This website uses cookies.
            (This story has not been edited by Example staff and is auto-generated from a syndicated feed.)
            Give Feedback
            """);

        Assert.Equal(("dmitry-peskov", "We are ready,"), Only(result));
        Assert.Equal(4, result.Dropped.Count);
    }

    [Fact]
    public void PrintedPublicationDates_AreRead()
    {
        Assert.Equal("2021-12-12", Extractor.ReadMetadata("Title here\nPublished : 12 Dec 2021 09:36 PM | Updated : 18 Dec 2021 11:00 PM\nText.").PublishedAt);
        Assert.Equal("2021-12-08", Extractor.ReadMetadata("Reuters | Moscow | Updated: 08-12-2021 02:41 IST | Created: 08-12-2021 02:41 IST\nText.").PublishedAt);
        Assert.Equal(("Title here", null), Extractor.ReadMetadata("Title here\nSome text.") is var (t, p, _) ? (t, p) : default);
    }
}
