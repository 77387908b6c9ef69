using TimelineApi.Extraction;

namespace TimelineApi.Tests.Extraction;

/// <summary>
/// People as reports of any diplomacy name them (particles, hyphenated given names, family name first, one-word names,
/// honorifics, names marked by what the sentence says of them), and the events told by verbs rather than nouns.
/// </summary>
public sealed class NamingAndEventKindTests
{
    private static readonly KnownParticipant[] s_known = [new("vladimir-putin", "Vladimir Putin", "person", [], [])];

    private static ExtractionResult Extract(string text, string published = "2016-03-14")
        => new Extractor(s_known).Extract(new DocumentInput(text, PublishedAt: published));

    [Theory]
    [InlineData("Brazilian President Luiz Augusto da Costa Neves arrived on Monday. \"Welcome,\" Da Costa Neves said.", "Luiz Augusto da Costa Neves")]
    [InlineData("Dutch Foreign Minister Hendrik van der Linden spoke. \"A new page,\" Van der Linden said.", "Hendrik van der Linden")]
    [InlineData("Colombian Foreign Minister Maria Fernanda Lopez de la Cruz spoke. \"A painful chapter,\" Lopez de la Cruz said.", "Maria Fernanda Lopez de la Cruz")]
    [InlineData("The envoy met Yusuf bin Salim al-Harthi, the Omani Minister Responsible for Foreign Affairs, on Sunday. \"One voice,\" al-Harthi said.", "Yusuf bin Salim al-Harthi")]
    [InlineData("South Korean Foreign Minister Kim Sung-hoon met reporters. \"We will move,\" Kim said.", "Kim Sung-hoon")]
    [InlineData("Indonesian Foreign Minister Sutrisno arrived on Wednesday. \"The sea connects us,\" Sutrisno said.", "Sutrisno")]
    [InlineData("The Prime Minister of Bhutan, Lyonchhen Karma Dorji, thanked India. \"India stood by us,\" Dorji said.", "Karma Dorji")]
    [InlineData("Kim Jae-won, who heads the Asia bureau, will travel to Tokyo. \"Nothing is settled,\" Kim Jae-won told reporters.", "Kim Jae-won")]
    [InlineData("External Affairs Minister S. Raghunathan will travel to Thimphu. \"We will help,\" Raghunathan said.", "S. Raghunathan")]
    public void ANameOfAnyTradition_IsOnePerson_AndTheSpeakerOfTheirQuote(string text, string name)
    {
        var result = Extract(text);

        var person = Assert.Single(result.Participants, p => p.Kind == "person" && p.Id is null);
        Assert.Equal(name, person.Name);
        Assert.Equal(name, Assert.Single(result.Statements).SpeakerText);
    }

    [Theory]
    [InlineData("Whitcombe met with Deputy Foreign Minister Pavel Korzun on Wednesday.", "Pavel Korzun")]
    [InlineData("The government delegation was led by Deng Malual Akol, and the rebels sent their own.", "Deng Malual Akol")]
    [InlineData("He telephoned his Turkish counterpart Mehmet Ali Karaosmanoglu on Thursday.", "Mehmet Ali Karaosmanoglu")]
    public void ANameBeforeItsDate_OrMarkedByTheSentence_IsAPerson(string text, string name)
        => Assert.Contains(Extract(text).Participants, p => p.Name == name);

    [Theory]
    [InlineData("With Dzhumabaev, the minister discussed the border.")]
    [InlineData("They will meet at the United Nations General Assembly next month.")]
    [InlineData("The minister invited the Prime Minister of Bhutan to visit.")]
    public void WordsThatAreNotNames_AreNoOne(string text)
        => Assert.DoesNotContain(Extract(text).Participants, p => p.Kind == "person");

    [Theory]
    [InlineData("Indonesian Foreign Minister Sutrisno arrived in Hanoi on Wednesday for a visit.", "2019-10-16", "2019-10-16", "held", "Sutrisno")]
    [InlineData("Minister Hamad Al-Nuaimi received on Sunday Yusuf al-Harthi, the Omani minister, in Kuwait.", "2016-03-14", "2016-03-13", "held", "Yusuf al-Harthi")]
    [InlineData("Greek Foreign Minister Giorgos Papadakis telephoned his Turkish counterpart on Thursday.", "1999-08-19", "1999-08-19", "held", "Giorgos Papadakis")]
    [InlineData("Foreign Minister Sutrisno will travel to Thimphu on July 14 to review the projects.", "2009-07-03", "2009-07-14", "scheduled", "Sutrisno")]
    [InlineData("Talks between the two sides ended on Thursday and will resume on March 16.", "2015-03-06", "2015-03-16", "scheduled", null)]
    [InlineData("A visit by the two leaders to Porto, planned for Wednesday, was cancelled because of a storm.", "2008-04-22", "2008-04-23", "cancelled", null)]
    [InlineData("Foreign Minister Anna Berger on Tuesday received the Yemeni envoy, Nabil al-Hakimi.", "2012-04-26", "2012-04-24", "held", "Anna Berger")]
    [InlineData("Dela Paz said he had handed Japanese Ambassador Hiroshi Kawamura a list of the coast guard's needs last Friday.", "2016-08-29", "2016-08-26", "held", "Hiroshi Kawamura")]
    public void AnEventToldByItsVerb_IsDated_WithItsStatus_AndWhoDidIt(string text, string published, string day, string status, string? party)
    {
        var result = Extract(text, published);

        var e = Assert.Single(result.Events, e => e.Start == day);
        Assert.Equal(status, e.Status);
        if (party is not null)
        {
            Assert.Contains(e.Participants, p => p.EndsWith(party.ToLowerInvariant().Replace(' ', '-'), StringComparison.Ordinal));
        }
    }

    [Fact]
    public void AMeetingCalledOff_AndAnotherSetForTheSameDay_AreTwoEvents()
    {
        var result = Extract(
            "A visit by the two leaders to Porto, planned for Wednesday, was cancelled. The president will instead fly to Madrid on Wednesday to meet the Spanish prime minister.",
            "2008-04-22");

        Assert.Equal(["cancelled", "scheduled"], result.Events.Where(e => e.Start == "2008-04-23").Select(e => e.Status).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheMinisters_AreThePeopleTheReportNamesMost()
    {
        var result = Extract("""
            Colombian Foreign Minister Maria Fernanda Lopez de la Cruz and Ecuadorean Foreign Minister Juan Carlos Restrepo Uribe spoke in Quito.

            "Today we close a painful chapter," Lopez de la Cruz said. Restrepo Uribe agreed.

            The ministers met for five hours in Tulcan on Thursday.
            """, "2010-11-26");

        var meeting = Assert.Single(result.Events, e => e.Start == "2010-11-25");
        Assert.Equal(["new:juan-carlos-restrepo-uribe", "new:maria-fernanda-lopez-de-la-cruz"], meeting.Participants.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AResponseDelivered_IsAStatementOnTheDayBeforeTheVerb()
        => Assert.Contains(Extract("The United States on Wednesday delivered its written response to the demands, the minister said.", "2022-01-26").Events,
            e => e is { Kind: "statement", Start: "2022-01-26", Status: "held" });

    [Fact]
    public void AVerbFarFromADate_AcrossAClauseBreak_DoesNotDateIt()
        => Assert.DoesNotContain(Extract("The minister met the envoy in the old capital, the press reported on Friday.", "2016-08-29").Events,
            e => e.Kind == "meeting");

    [Fact]
    public void AnInterview_IsAStatementOnItsDay()
        => Assert.Contains(Extract("The Philippines expects the boats, Foreign Secretary Ramon dela Paz said in an interview on Monday.", "2016-08-29").Events,
            e => e is { Kind: "statement", Start: "2016-08-29", Status: "held" });

    [Fact]
    public void APressConferenceWithoutADate_IsHeldOnTheLeadEventsDay_WithWhoGaveIt()
    {
        var result = Extract("""
            Foreign Minister Kim Sung-hoon and his counterpart Takeshi Morioka held talks in Seoul on Monday.

            "We have agreed to move faster," Morioka told a joint news conference with Kim after the talks.
            """, "2015-11-03");

        var briefing = Assert.Single(result.Events, e => e.Kind == "briefing");
        Assert.Equal(("held", "2015-11-02", true), (briefing.Status, briefing.Start, briefing.DateInferred));
        Assert.Equal(["new:kim-sung-hoon", "new:takeshi-morioka"], briefing.Participants.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void AReadoutOfABriefing_WithoutADate_IsABriefingOnTheReportsDay()
    {
        var briefing = Assert.Single(Extract("""
            Presidential Aide Anton Belov told journalists about the schedule of the President's contacts.

            "Talks are possible," Belov said.
            """, "2019-02-07").Events, e => e.Kind == "briefing");

        Assert.Equal(("held", "2019-02-07", true), (briefing.Status, briefing.Start, briefing.DateInferred));
        Assert.Equal(["new:anton-belov"], briefing.Participants);
    }

    [Fact]
    public void SeparateTalksWithTwoPeople_AreTwoEvents_EachWithTheSubject()
    {
        var result = Extract("Foreign Minister Akmal Yusupov held separate talks on Thursday with Foreign Minister Erlan Dzhumabaev and with Foreign Minister Sirojiddin Nazarzoda.", "2018-06-07");

        var talks = result.Events.Where(e => e.Start == "2018-06-07").Select(e => string.Join(" ", e.Participants.Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal);
        Assert.Equal(["new:akmal-yusupov new:erlan-dzhumabaev", "new:akmal-yusupov new:sirojiddin-nazarzoda"], talks);
    }

    [Fact]
    public void TalksOfThreePeople_AreOneEvent()
        => Assert.Single(Extract("Foreign Minister Akmal Yusupov held talks on Thursday with Foreign Minister Erlan Dzhumabaev and Foreign Minister Sirojiddin Nazarzoda.", "2018-06-07")
            .Events, e => e.Start == "2018-06-07");

    [Fact]
    public void APressConference_InAReportOfNothingElseHeld_IsNotDated()
        => Assert.DoesNotContain(Extract("""
            Talks between the two ministers are planned for Friday in Vienna.

            "We will be ready," Foreign Minister Anna Berger told a news conference.
            """, "2015-11-03").Events, e => e.Kind == "briefing");

    [Fact]
    public void ACountryNewToTheData_IsAParty_AndProposedAsACountry()
    {
        var result = Extract("Talks between Iceland and Norway on herring quotas, planned for Thursday in Oslo, have been postponed.", "2003-10-06");

        Assert.Contains(result.Participants, p => p is { Id: null, Name: "Iceland", Kind: "country" });
        var talks = Assert.Single(result.Events, e => e.Start == "2003-10-09");
        Assert.Equal("postponed", talks.Status);
        Assert.Equal(["new:iceland", "new:norway"], talks.Participants.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SinceAMonth_LooksBack()
        => Assert.Contains(Extract("It was the first call between the two ministers since January.", "1999-08-19").Dates, d => d.Start == "1999-01");

    [Fact]
    public void ADatelinesDate_DatesNothing()
        => Assert.DoesNotContain(Extract("REYKJAVIK, Oct 6 (wire) - Talks between Iceland and Norway have been postponed to November.", "2003-10-07").Events,
            e => e.Start == "2003-10-06");

    [Theory]
    [InlineData("The European Union and Mercosur reached a trade agreement in Brussels on Friday.", "2019-06-28", "2019-06-28")]
    [InlineData("The two ministers agreed on Monday to speed up the work of their officials.", "2015-11-02", "2015-11-02")]
    public void AnAgreementReached_IsHeldTalksOnItsDay(string text, string published, string day)
        => Assert.Contains(Extract(text, published).Events, e => e is { Kind: "talks", Status: "held" } && e.Start == day);

    [Fact]
    public void TheThreeMinisters_AreTheThreePeopleTheReportNamesMost()
    {
        var result = Extract(
            "Uzbek Foreign Minister Akmal Yusupov held talks with Erlan Dzhumabaev, the Kyrgyz foreign minister, and Sirojiddin Nazarzoda, the Tajik foreign minister. " +
            "The three ministers will meet again in Samarkand on June 20.", "2018-06-07");

        Assert.Equal(3, Assert.Single(result.Events, e => e.Start == "2018-06-20").Participants.Count);
    }

    [Theory]
    [InlineData("Chilean Foreign Minister Ignacio Valdés Errázuriz arrived on Monday. \"We came to sign,\" Valdés said.", "Ignacio Valdés Errázuriz")]
    [InlineData("Argentine Foreign Minister Graciela Ocampo de Pellegrini arrived on Monday. \"It is done,\" Ocampo said.", "Graciela Ocampo de Pellegrini")]
    public void TheFirstOfTwoFamilyNames_IsThePerson(string text, string name)
        => Assert.Equal(name, Assert.Single(Extract(text).Statements).SpeakerText);

    [Fact]
    public void ANameAfterAClauseEndingInATitle_HasTheTitle_NotTheClause()
    {
        var result = Extract("Ghanaian President Kofi Mensah-Boateng will receive his Togolese counterpart, Essozimna Agbeyome Kpodar, in Accra on May 3 for talks on the border.", "2011-04-20");

        var guest = Assert.Single(result.Participants, p => p.Name == "Essozimna Agbeyome Kpodar");
        Assert.Equal(["Togolese counterpart"], guest.Titles);
        Assert.Equal(2, Assert.Single(result.Events, e => e.Start == "2011-05-03").Participants.Count);
    }

    [Fact]
    public void ANameBeforeAnOfficeWithAHyphen_IsAPerson()
        => Assert.Contains(Extract("Japan will be represented by Kenji Noda, director-general of the trade bureau.").Participants, p => p.Name == "Kenji Noda");

    [Theory]
    [InlineData("LIMA, May 3 (wire) - Seoul's Ministry of Trade said on Monday that the talks would go on.", "new:south-korea")]
    [InlineData("LIMA, May 3 (wire) - Foreign Minister Rosa Quispe met the envoy, State House said on Monday.", "new:peru")]
    [InlineData("NAIROBI, May 3 (wire) - Kenya's foreign ministry said on Monday that the visit would go ahead.", "new:kenya")]
    public void AMinistryOrAnOfficeSpeaks_ForItsCountry(string text, string party)
        => Assert.Equal([party], Assert.Single(Extract(text, "2010-05-03").Events, e => e.Kind == "statement").Participants);

    [Fact]
    public void HisSpokesman_IsThePersonTheReportTitlesSpokesman()
    {
        var result = Extract(
            "Prime Minister Gergely Halmos has called off his visit, his spokesman said on Monday. \"Not this week,\" spokesman Bence Kardos told reporters.",
            "2012-04-16");

        Assert.Equal(["new:bence-kardos"], Assert.Single(result.Events, e => e.Kind == "statement").Participants);
    }

    [Theory]
    [InlineData("Lima had asked for a delay, the minister said.", true)]
    [InlineData("The ministers met in Lima to discuss the border.", false)]
    public void ACapital_IsItsCountryWhenItActs_NotWhereSomethingHappens(string text, bool country)
        => Assert.Equal(country, Extract(text).Participants.Any(p => p.Name == "Peru"));

    [Theory]
    [InlineData("Thai and Malaysian officials met in Songkhla on Monday.", new[] { "new:malaysia", "new:thailand" })]
    [InlineData("South Korean and Japanese negotiators will resume talks on May 17.", new[] { "new:japan", "new:south-korea" })]
    public void ADemonymBeforeABodyOfPeople_IsTheCountry(string text, string[] parties)
        => Assert.Equal(parties, Assert.Single(Extract(text, "2013-05-14").Events).Participants.Order(StringComparer.Ordinal));

    [Fact]
    public void ADemonymBeforeAnOffice_IsATitle_NotAParty()
        => Assert.DoesNotContain(Extract("Thai Prime Minister Somchai Wongsakul arrived on Monday.", "2013-05-14").Participants, p => p.Name == "Thailand");

    [Theory]
    [InlineData("The envoy will return to Colombo next Monday.", "2004-08-30", "2004-09-06")]
    [InlineData("The two sides last met in Berlin on February 8.", "2004-08-30", "2004-02-08")]
    [InlineData("The two sides will meet in Berlin on February 8.", "2004-08-30", "2005-02-08")]
    public void ADayIsReadAsItsSentenceTellsOfIt(string text, string published, string day)
        => Assert.Contains(Extract(text, published).Events, e => e.Start == day);

    [Fact]
    public void DaysJoinedByAnd_AreOneEvent_FromTheFirstToTheSecond()
    {
        var talks = Assert.Single(Extract("Greek and Turkish diplomats will hold a new round of talks in Athens on Saturday and Sunday.", "1999-11-03").Events);

        Assert.Equal(("1999-11-06", "1999-11-07"), (talks.Start, talks.End));
    }

    [Theory]
    [InlineData("India's defence ministry said in a statement on Friday that the talks would cover shipping.", "new:india")]
    [InlineData("Foreign Minister Nikos Petridis told parliament on Tuesday that the talks had gone well.", "new:nikos-petridis")]
    public void WhatIsSaidOnADay_IsAStatement_EvenWhenItTellsOfAnEvent(string text, string party)
        => Assert.Equal([party], Assert.Single(Extract(text, "1999-11-05").Events).Participants);

    [Fact]
    public void CallingOnSomeone_IsAVisit_NotACall()
        => Assert.Equal("meeting", Assert.Single(Extract("Okamura is also scheduled to call on Prime Minister Sunil Bhardwaj on Tuesday.", "2018-01-19").Events).Kind);

    [Fact]
    public void ASummitSetForOneDay_AndNowForAnother_IsPostponed_AndScheduled()
    {
        var result = Extract("A summit of the bloc, set for July 10 in Gaborone, will now take place on August 17.", "2015-07-01");

        Assert.Equal(["postponed", "scheduled"], result.Events.OrderBy(e => e.Start, StringComparer.Ordinal).Select(e => e.Status));
    }

    [Fact]
    public void TheTwoMinisters_NamedTogether_AreBothPeople_AndTheMeetingsParties()
    {
        var result = Extract(
            "Lithuanian President Algis Kairys will visit Warsaw on October 10. The two foreign ministers, Jerzy Malicki and Rimas Dapkus, will meet in Vilnius tomorrow.",
            "1994-09-22");

        Assert.Equal(["new:jerzy-malicki", "new:rimas-dapkus"], Assert.Single(result.Events, e => e.Start == "1994-09-23").Participants.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ANameEndingItsSentence_AfterACounterpart_IsAPerson()
        => Assert.Contains(
            Extract("Swedish Foreign Minister Birgit Sund arrives in Helsinki on Thursday for preparatory talks with her Finnish counterpart, Paavo Lehto.").Participants,
            p => p.Name == "Paavo Lehto" && p.Titles.SequenceEqual(["Finnish counterpart"]));

    [Fact]
    public void OneDaysMeetingsWithDifferentPeople_AreSeparateMeetings()
    {
        var result = Extract(
            "Foreign Minister Rui Matos will meet President Celso Mabunda on Thursday. Matos will also meet Prime Minister Amade Mussa on Thursday.", "2016-09-20");

        Assert.Equal(2, result.Events.Count(e => e.Start == "2016-09-22"));
    }

    [Fact]
    public void TheTwoHeadsOfState_AreTheReportsLeaders_NotItsSpokespeople()
    {
        var result = Extract(
            "At the invitation of Chinese President Liang Guo, King Sisowath Vannak of Cambodia will pay a state visit to China, spokesperson Gao Lin said on Thursday. " +
            "Gao Lin said the two heads of state will hold talks on Oct. 9.", "2015-10-01");

        Assert.Equal(["new:liang-guo", "new:sisowath-vannak"], Assert.Single(result.Events, e => e.Start == "2015-10-09").Participants.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Portugal and Mozambique agreed that the joint commission of the two countries will meet in Maputo on November 8.", new[] { "new:mozambique", "new:portugal" })]
    [InlineData("The African Union chairman spoke. Foreign ministers of the 53-member union will meet on June 28.", new[] { "new:african-union" })]
    public void CountriesOrABodyReferredTo_AreTheMeetingsParties(string text, string[] parties)
        => Assert.Equal(parties, Assert.Single(Extract(text, "2007-06-02").Events, e => e.Status == "scheduled").Participants.Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("The president will visit Nigeria from 3 to 5 March.", "2014-03-03", "2014-03-05")]
    [InlineData("The summit will be held in Abuja on March 5-6.", "2014-03-05", "2014-03-06")]
    [InlineData("The summit will be held in Abuja on 5-6 March.", "2014-03-05", "2014-03-06")]
    [InlineData("Leaders will meet in Abuja on 5 and 6 March.", "2014-03-05", "2014-03-06")]
    [InlineData("The talks are set for 12–14 March in Accra.", "2014-03-12", "2014-03-14")]
    public void ARangeOfDays_WrittenEitherWay_IsOneEventFromItsFirstDay(string text, string start, string end)
    {
        var e = Assert.Single(Extract(text, "2014-02-20").Events);
        Assert.Equal((start, end, "scheduled"), (e.Start, e.End, e.Status));
    }

    [Theory]
    [InlineData("The talks, planned for Thursday, have been postponed to March 10.", "2014-02-27:postponed 2014-03-10:scheduled")]
    [InlineData("The visit has been postponed until March 10.", "2014-03-10:scheduled")]
    [InlineData("The summit was moved from March 3 to March 10.", "2014-03-03:postponed 2014-03-10:scheduled")]
    [InlineData("Talks were postponed on Monday and will now take place on March 10.", "2014-03-10:scheduled")]
    public void AMeetingMoved_IsPostponedOnItsOldDay_AndScheduledOnItsNewOne(string text, string days)
        => Assert.Equal(days, string.Join(' ', Extract(text, "2014-02-24").Events.OrderBy(e => e.Start, StringComparer.Ordinal).Select(e => $"{e.Start}:{e.Status}")));

    [Fact]
    public void AnUndatedLeadOfWhatIsToCome_IsNotHeldOnTheReportsDay()
        => Assert.DoesNotContain(Extract("The summit will be held in Abuja next month.", "2014-02-20").Events, e => e.Status == "held");

    [Fact]
    public void AFamilyNameFirst_AfterATitle_IsTheWholeName()
        => Assert.Equal("Tran Van Hoa", Assert.Single(Extract(
            "Vietnamese Foreign Minister Tran Van Hoa arrived on Monday. Minister Tran said the border would be \"one of peace\".").Statements).SpeakerText);

    [Fact]
    public void ThePresidentsOffice_SpeaksForTheDatelinesCountry()
        => Assert.Equal(["new:finland"], Assert.Single(Extract(
            "HELSINKI, March 12 (wire) - Finnish President Veikko Rantala will receive the Swedish premier on Friday, the president's office announced on Wednesday.",
            "1986-03-12").Events, e => e.Kind == "statement").Participants);

    [Fact]
    public void ThePreviousRound_IsBetweenTheSeriesParties()
    {
        var result = Extract(
            "Greek and Turkish diplomats will hold a new round of talks in Athens on Saturday. The previous round was held in Ankara on Oct. 12.", "1999-11-03");

        Assert.Equal(["new:greece", "new:turkey"], Assert.Single(result.Events, e => e.Start == "1999-10-12").Participants.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("The envoy arrived in Cairo on Sunday and met the foreign minister the next day.", "2014-02-16 2014-02-17")]
    [InlineData("The minister will arrive in Accra on Monday and hold talks with President Kofi Mensah two days later.", "2014-02-24 2014-02-26")]
    [InlineData("Thapa will arrive in New Delhi on Monday evening and hold talks with Sethi the next morning.", "2014-02-24 2014-02-25")]
    public void ADayCountedFromTheDayBefore_IsThatDayMoved(string text, string days)
        => Assert.Equal(days, string.Join(' ', Extract(text, "2014-02-20").Events.Select(e => e.Start).Order(StringComparer.Ordinal)));

    [Theory]
    [InlineData("The envoy arrived in Cairo on Sunday.", "2014-02-16")]
    [InlineData("The envoy is to be received by the president on Sunday.", "2014-02-23")]
    public void AWeekdayAfterAPastVerb_IsBeforeTheReport(string text, string day)
        => Assert.Equal(day, Assert.Single(Extract(text, "2014-02-20").Events).Start);

    [Theory]
    [InlineData("Arjun Thapa and Vikram Sethi met on the margins of the regional summit in Colombo on Tuesday.", "meeting")]
    [InlineData("Arjun Thapa told Vikram Sethi during their meeting on Tuesday that the border must stay open.", "meeting")]
    [InlineData("Arjun Thapa and Vikram Sethi will co-chair the joint commission meeting on Friday.", "meeting")]
    public void TwoPeopleNamedWithoutTitles_WhoMeet_AreTheMeetingsParties(string text, string kind)
    {
        var e = Assert.Single(Extract(text, "2014-02-20").Events);
        Assert.Equal(kind, e.Kind);
        Assert.Equal(["new:arjun-thapa", "new:vikram-sethi"], e.Participants.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ASummitThatOpensOnADay_IsToCome()
        => Assert.Equal("2014-02-24", Assert.Single(Extract("President Arjun Thapa will attend the summit, which opens on Monday in Colombo.", "2014-02-20").Events).Start);

    [Theory]
    [InlineData("Nepal will host the SAARC summit on Nov. 26-27.", "2014-11-26", "scheduled")]
    [InlineData("The Nepalese and Indian prime ministers are set to meet on the sidelines of the UN General Assembly on Sept. 25.", "2014-09-25", "scheduled")]
    [InlineData("The Indian side has proposed that the joint commission meet in Kathmandu on March 15.", "2014-03-15", "proposed")]
    public void AYearlessDayOfWhatIsToCome_IsAfterTheReport(string text, string day, string status)
    {
        var e = Assert.Single(Extract(text, "2014-02-20").Events);
        Assert.Equal((day, status), (e.Start, e.Status));
    }

    [Fact]
    public void ADateBeforeANounWithItsOwnDate_IsTheVerbs()
        => Assert.Equal(["meeting:2014-02-24", "talks:2014-02-25"], Extract("Thapa will fly to New Delhi on Monday for talks with Sethi on Tuesday.", "2014-02-20").Events
            .Select(e => $"{e.Kind}:{e.Start}").Order(StringComparer.Ordinal));

    [Fact]
    public void ANameAfterACourtesyTitle_IsAPerson_OfOneWordOrMore()
        => Assert.Equal(["new:sethi", "new:thapa"], Assert.Single(Extract("Mr. Thapa met Mrs. Sethi on Tuesday.", "2014-02-20").Events).Participants.Order(StringComparer.Ordinal));

    [Fact]
    public void ACounterpartOfANationality_BringsTheCountry()
        => Assert.Contains("new:oman", Assert.Single(Extract("The UAE foreign minister received his Omani counterpart in Abu Dhabi on Wednesday.", "2014-02-20").Events).Participants);

    [Fact]
    public void SaidHeWouldMeetOnADay_IsOneScheduledMeeting()
    {
        var e = Assert.Single(Extract("Foreign Minister Arjun Thapa said he would meet his Chinese counterpart Wang Lei on Monday.", "2014-02-20").Events);
        Assert.Equal(("2014-02-24", "scheduled"), (e.Start, e.Status));
    }

    [Fact]
    public void AMeetingAnnouncedInAQuote_IsBetweenWhoSaysWe_AndWhomTheSentenceNames()
        => Assert.Equal(["new:arjun-thapa", "new:wang-lei"], Assert.Single(Extract(
            "\"We will meet again in Kathmandu on March 3,\" Foreign Minister Arjun Thapa told reporters after talks with his Chinese counterpart Wang Lei.",
            "2014-02-20").Events, e => e.Start == "2014-03-03").Participants.Order(StringComparer.Ordinal));

    [Fact]
    public void NamesAfterTheirCountriesPossessive_ArePeople()
        => Assert.Equal(["new:arjun-thapa", "new:wang-lei"], Assert.Single(Extract("Nepal's Arjun Thapa and China's Wang Lei met on Tuesday.", "2014-02-20").Events)
            .Participants.Order(StringComparer.Ordinal));

    [Fact]
    public void AnAmbassadorSummoned_IsAMeetingWithHisCountry()
        => Assert.Equal(["new:india", "new:nepal"], Assert.Single(Extract("Nepal's foreign ministry summoned the Indian ambassador on Tuesday.", "2014-02-20").Events)
            .Participants.Order(StringComparer.Ordinal));

    [Fact]
    public void ANameMetOrReceived_IsAPerson_AndSpeaksLater()
        => Assert.Equal("Wang Lei", Assert.Single(Extract(
            "Foreign Minister Arjun Thapa met Wang Lei on Monday. \"The border is open,\" Wang wrote on social media.", "2014-02-20").Statements).SpeakerText);

    [Theory]
    [InlineData("Foreign Secretary Nadia Qureshi also called on President Ahmad Zaheer on Wednesday.", "new:ahmad-zaheer")]
    [InlineData("Earlier on Wednesday, Deputy Minister Karim Stanekzai held a separate meeting with the Chinese ambassador.", "new:china")]
    public void AVisitPaid_OrAMeetingAfterItsDay_IsHeldWithWhomItReaches(string text, string party)
    {
        var e = Assert.Single(Extract(text, "2014-02-20").Events);
        Assert.Equal(("meeting", "held", "2014-02-19"), (e.Kind, e.Status, e.Start));
        Assert.Contains(party, e.Participants);
    }

    [Fact]
    public void ADayFollowedByForATwoDayVisit_DatesTheVisit()
        => Assert.Equal("2014-02-23", Assert.Single(Extract("Foreign Minister Nadia Qureshi is due in Kabul on Sunday for a two-day visit.", "2014-02-20").Events).Start);
}

