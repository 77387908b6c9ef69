using System.Collections.Frozen;

namespace TimelineApi.Extraction;

/// <summary>
/// The countries (and regional bodies) a report may name that the data set does not know yet: each is read as a party (a
/// participant of kind <c>country</c> or <c>organization</c>, new to the data) wherever the report names it. Names only: a demonym (<c>Indonesian</c>) describes a
/// person's office, and a capital often says where, not who.
/// </summary>
internal static class Countries
{
    public static readonly FrozenSet<string> Names = FrozenSet.ToFrozenSet(
    [
        "Afghanistan", "Albania", "Algeria", "Angola", "Argentina", "Armenia", "Australia", "Austria", "Azerbaijan", "Bahrain", "Bangladesh",
        "Belarus", "Belgium", "Benin", "Bhutan", "Bolivia", "Bosnia", "Botswana", "Brazil", "Brunei", "Bulgaria", "Burkina Faso", "Burundi",
        "Cambodia", "Cameroon", "Canada", "Chad", "Chile", "China", "Colombia", "Congo", "Costa Rica", "Croatia", "Cuba", "Cyprus", "Czech Republic",
        "Denmark", "Djibouti", "Dominican Republic", "Ecuador", "Egypt", "El Salvador", "Eritrea", "Estonia", "Ethiopia", "Fiji", "Finland", "France",
        "Gabon", "Gambia", "Georgia", "Germany", "Ghana", "Greece", "Guatemala", "Guinea", "Guinea-Bissau", "Guyana", "Haiti", "Honduras", "Hungary",
        "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy", "Ivory Coast", "Jamaica", "Japan", "Jordan", "Kazakhstan",
        "Kenya", "Kosovo", "Kuwait", "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Lesotho", "Liberia", "Libya", "Lithuania", "Luxembourg",
        "Madagascar", "Malawi", "Malaysia", "Maldives", "Mali", "Malta", "Mauritania", "Mauritius", "Mexico", "Moldova", "Mongolia", "Montenegro",
        "Morocco", "Mozambique", "Myanmar", "Namibia", "Nepal", "Netherlands", "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Korea",
        "North Macedonia", "Norway", "Oman", "Pakistan", "Palestine", "Panama", "Papua New Guinea", "Paraguay", "Peru", "Philippines", "Poland",
        "Portugal", "Qatar", "Romania", "Rwanda", "Samoa", "Saudi Arabia", "Senegal", "Serbia", "Sierra Leone", "Singapore", "Slovakia", "Slovenia",
        "Solomon Islands", "Somalia", "South Africa", "South Korea", "South Sudan", "Spain", "Sri Lanka", "Sudan", "Suriname", "Sweden",
        "Switzerland", "Syria", "Taiwan", "Tajikistan", "Tanzania", "Thailand", "Timor-Leste", "Togo", "Tonga", "Trinidad and Tobago", "Tunisia",
        "Turkey", "Turkmenistan", "Uganda", "United Arab Emirates", "United Kingdom", "Uruguay", "Uzbekistan", "Vanuatu", "Venezuela", "Vietnam",
        "Yemen", "Zambia", "Zimbabwe",
    ], StringComparer.Ordinal);

    /// <summary>
    /// Capitals that stand for their country when they act (<c>Seoul's ministry said</c>, <c>Lima had asked for a delay</c>),
    /// not when they say where (<c>talks in Seoul</c>, <c>flew to Lima</c>): see <see cref="ParticipantDirectory"/>.
    /// </summary>
    public static readonly FrozenDictionary<string, string> Capitals = new (string Capital, string Country)[]
    {
        ("Moscow", "Russia"), ("Washington", "United States"), ("Kyiv", "Ukraine"), ("Kiev", "Ukraine"), ("Beijing", "China"),
        ("London", "United Kingdom"), ("Paris", "France"), ("Berlin", "Germany"), ("Minsk", "Belarus"), ("Seoul", "South Korea"),
        ("Pyongyang", "North Korea"), ("Tokyo", "Japan"), ("Hanoi", "Vietnam"), ("Phnom Penh", "Cambodia"), ("Bangkok", "Thailand"),
        ("Jakarta", "Indonesia"), ("Manila", "Philippines"), ("Kuala Lumpur", "Malaysia"), ("Vientiane", "Laos"), ("Naypyidaw", "Myanmar"),
        ("Taipei", "Taiwan"), ("Ulaanbaatar", "Mongolia"), ("New Delhi", "India"), ("Islamabad", "Pakistan"), ("Kabul", "Afghanistan"),
        ("Dhaka", "Bangladesh"), ("Kathmandu", "Nepal"), ("Colombo", "Sri Lanka"), ("Thimphu", "Bhutan"), ("Tehran", "Iran"), ("Baghdad", "Iraq"),
        ("Damascus", "Syria"), ("Beirut", "Lebanon"), ("Amman", "Jordan"), ("Riyadh", "Saudi Arabia"), ("Doha", "Qatar"),
        ("Abu Dhabi", "United Arab Emirates"), ("Muscat", "Oman"), ("Manama", "Bahrain"), ("Sanaa", "Yemen"), ("Cairo", "Egypt"),
        ("Tripoli", "Libya"), ("Tunis", "Tunisia"), ("Algiers", "Algeria"), ("Rabat", "Morocco"), ("Khartoum", "Sudan"), ("Juba", "South Sudan"),
        ("Addis Ababa", "Ethiopia"), ("Asmara", "Eritrea"), ("Nairobi", "Kenya"), ("Kampala", "Uganda"), ("Kigali", "Rwanda"), ("Dodoma", "Tanzania"),
        ("Abuja", "Nigeria"), ("Accra", "Ghana"), ("Dakar", "Senegal"), ("Bamako", "Mali"), ("Pretoria", "South Africa"), ("Harare", "Zimbabwe"),
        ("Lusaka", "Zambia"), ("Luanda", "Angola"), ("Maputo", "Mozambique"), ("Kinshasa", "Congo"), ("Ankara", "Turkey"), ("Athens", "Greece"),
        ("Rome", "Italy"), ("Madrid", "Spain"), ("Lisbon", "Portugal"), ("The Hague", "Netherlands"), ("Vienna", "Austria"), ("Bern", "Switzerland"),
        ("Warsaw", "Poland"), ("Prague", "Czech Republic"), ("Budapest", "Hungary"), ("Bucharest", "Romania"), ("Sofia", "Bulgaria"),
        ("Belgrade", "Serbia"), ("Zagreb", "Croatia"), ("Tirana", "Albania"), ("Skopje", "North Macedonia"), ("Podgorica", "Montenegro"),
        ("Sarajevo", "Bosnia"), ("Pristina", "Kosovo"), ("Chisinau", "Moldova"), ("Vilnius", "Lithuania"), ("Riga", "Latvia"), ("Tallinn", "Estonia"),
        ("Helsinki", "Finland"), ("Stockholm", "Sweden"), ("Oslo", "Norway"), ("Copenhagen", "Denmark"), ("Reykjavik", "Iceland"),
        ("Dublin", "Ireland"), ("Ottawa", "Canada"), ("Mexico City", "Mexico"), ("Havana", "Cuba"), ("Caracas", "Venezuela"), ("Bogota", "Colombia"),
        ("Quito", "Ecuador"), ("Lima", "Peru"), ("La Paz", "Bolivia"), ("Santiago", "Chile"), ("Buenos Aires", "Argentina"),
        ("Montevideo", "Uruguay"), ("Asuncion", "Paraguay"), ("Brasilia", "Brazil"), ("Canberra", "Australia"), ("Wellington", "New Zealand"),
        ("Tbilisi", "Georgia"), ("Yerevan", "Armenia"), ("Baku", "Azerbaijan"), ("Astana", "Kazakhstan"), ("Tashkent", "Uzbekistan"),
        ("Bishkek", "Kyrgyzstan"), ("Suva", "Fiji"), ("Apia", "Samoa"), ("Port Vila", "Vanuatu"), ("Honiara", "Solomon Islands"),
        ("Dushanbe", "Tajikistan"), ("Ashgabat", "Turkmenistan"),
    }.ToFrozenDictionary(c => c.Capital, c => c.Country, StringComparer.Ordinal);

    /// <summary>
    /// The words for a country's people, which stand for the country before a body of its people (<c>South Korean and Japanese
    /// negotiators</c>, <c>the Norwegian embassy</c>), not before an office (<c>Norwegian Foreign Minister</c> is a title).
    /// </summary>
    public static readonly FrozenDictionary<string, string> Demonyms = new (string Demonym, string Country)[]
    {
        ("Afghan", "Afghanistan"), ("Albanian", "Albania"), ("Algerian", "Algeria"), ("Angolan", "Angola"), ("Argentine", "Argentina"),
        ("Argentinian", "Argentina"), ("Armenian", "Armenia"), ("Australian", "Australia"), ("Austrian", "Austria"), ("Azerbaijani", "Azerbaijan"),
        ("Bahraini", "Bahrain"), ("Bangladeshi", "Bangladesh"), ("Belarusian", "Belarus"), ("Belgian", "Belgium"), ("Bhutanese", "Bhutan"),
        ("Bolivian", "Bolivia"), ("Brazilian", "Brazil"), ("Bulgarian", "Bulgaria"), ("Cambodian", "Cambodia"), ("Cameroonian", "Cameroon"),
        ("Canadian", "Canada"), ("Chilean", "Chile"), ("Chinese", "China"), ("Colombian", "Colombia"), ("Croatian", "Croatia"), ("Cuban", "Cuba"),
        ("Cypriot", "Cyprus"), ("Czech", "Czech Republic"), ("Danish", "Denmark"), ("Ecuadorean", "Ecuador"), ("Ecuadorian", "Ecuador"),
        ("Egyptian", "Egypt"), ("Eritrean", "Eritrea"), ("Estonian", "Estonia"), ("Ethiopian", "Ethiopia"), ("Finnish", "Finland"),
        ("French", "France"), ("Georgian", "Georgia"), ("German", "Germany"), ("Ghanaian", "Ghana"), ("Greek", "Greece"), ("Guatemalan", "Guatemala"),
        ("Haitian", "Haiti"), ("Honduran", "Honduras"), ("Hungarian", "Hungary"), ("Icelandic", "Iceland"), ("Indian", "India"),
        ("Indonesian", "Indonesia"), ("Iranian", "Iran"), ("Iraqi", "Iraq"), ("Irish", "Ireland"), ("Israeli", "Israel"), ("Italian", "Italy"),
        ("Ivorian", "Ivory Coast"), ("Jamaican", "Jamaica"), ("Japanese", "Japan"), ("Jordanian", "Jordan"), ("Kazakh", "Kazakhstan"),
        ("Kenyan", "Kenya"), ("Kuwaiti", "Kuwait"), ("Kyrgyz", "Kyrgyzstan"), ("Lao", "Laos"), ("Laotian", "Laos"), ("Latvian", "Latvia"),
        ("Lebanese", "Lebanon"), ("Liberian", "Liberia"), ("Libyan", "Libya"), ("Lithuanian", "Lithuania"), ("Malagasy", "Madagascar"),
        ("Malawian", "Malawi"), ("Malaysian", "Malaysia"), ("Maldivian", "Maldives"), ("Malian", "Mali"), ("Maltese", "Malta"), ("Mexican", "Mexico"),
        ("Moldovan", "Moldova"), ("Mongolian", "Mongolia"), ("Moroccan", "Morocco"), ("Mozambican", "Mozambique"), ("Namibian", "Namibia"),
        ("Nepali", "Nepal"), ("Nepalese", "Nepal"), ("Dutch", "Netherlands"), ("Nicaraguan", "Nicaragua"), ("Nigerian", "Nigeria"),
        ("Nigerien", "Niger"), ("North Korean", "North Korea"), ("Norwegian", "Norway"), ("Omani", "Oman"), ("Pakistani", "Pakistan"),
        ("Palestinian", "Palestine"), ("Panamanian", "Panama"), ("Paraguayan", "Paraguay"), ("Peruvian", "Peru"), ("Filipino", "Philippines"),
        ("Philippine", "Philippines"), ("Polish", "Poland"), ("Portuguese", "Portugal"), ("Qatari", "Qatar"), ("Romanian", "Romania"),
        ("Rwandan", "Rwanda"), ("Saudi", "Saudi Arabia"), ("Senegalese", "Senegal"), ("Serbian", "Serbia"), ("Singaporean", "Singapore"),
        ("Slovak", "Slovakia"), ("Slovenian", "Slovenia"), ("Somali", "Somalia"), ("South African", "South Africa"), ("South Korean", "South Korea"),
        ("South Sudanese", "South Sudan"), ("Spanish", "Spain"), ("Sri Lankan", "Sri Lanka"), ("Sudanese", "Sudan"), ("Swedish", "Sweden"),
        ("Swiss", "Switzerland"), ("Syrian", "Syria"), ("Taiwanese", "Taiwan"), ("Tajik", "Tajikistan"), ("Tanzanian", "Tanzania"),
        ("Thai", "Thailand"), ("Togolese", "Togo"), ("Tunisian", "Tunisia"), ("Turkish", "Turkey"), ("Turkmen", "Turkmenistan"),
        ("Ugandan", "Uganda"), ("Emirati", "United Arab Emirates"), ("British", "United Kingdom"), ("Uruguayan", "Uruguay"), ("Uzbek", "Uzbekistan"),
        ("Venezuelan", "Venezuela"), ("Vietnamese", "Vietnam"), ("Yemeni", "Yemen"), ("Zambian", "Zambia"), ("Zimbabwean", "Zimbabwe"), ("Fijian", "Fiji"), ("Samoan", "Samoa"), ("Tongan", "Tonga"),
        ("Russian", "Russia"), ("American", "United States"), ("Ukrainian", "Ukraine"),
    }.ToFrozenDictionary(d => d.Demonym, d => d.Country, StringComparer.Ordinal);

    /// <summary>The bodies of a country's people after whose demonym the demonym stands for the country.</summary>
    public static readonly FrozenSet<string> GroupNouns = FrozenSet.ToFrozenSet(
        ["officials", "negotiators", "delegation", "delegations", "diplomats", "side", "sides", "team", "teams", "government", "governments", "embassy",
         "ministry", "authorities", "mediators", "leaders", "ministers", "presidency", "foreign", "office", "cabinet", "palace", "counterpart",
         "counterparts", "ambassador", "envoy"],
        StringComparer.Ordinal);

    /// <summary>Regional and international bodies that take part as one (a bloc in trade talks, a mediating union), with their short names.</summary>
    public static readonly FrozenDictionary<string, string[]> Bodies = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["European Union"] = ["EU"],
        ["African Union"] = ["AU"],
        ["Mercosur"] = [],
        ["Association of Southeast Asian Nations"] = ["ASEAN"],
        ["Arab League"] = [],
        ["Gulf Cooperation Council"] = ["GCC"],
        ["Intergovernmental Authority on Development"] = ["IGAD"],
        ["Organization of American States"] = ["OAS"],
        ["Economic Community of West African States"] = ["ECOWAS"],
        ["Southern African Development Community"] = ["SADC"],
        ["Shanghai Cooperation Organisation"] = ["SCO"],
        ["Organization for Security and Co-operation in Europe"] = ["OSCE"],
        ["South Asian Association for Regional Cooperation"] = ["SAARC"],
        ["Asia-Pacific Economic Cooperation"] = ["APEC"],
        ["Pacific Islands Forum"] = [],
        ["Caribbean Community"] = ["CARICOM", "Caricom"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The countries and bodies not among <paramref name="known"/> (by name or alias), as participants new to the data.</summary>
    public static IEnumerable<KnownParticipant> NotIn(IReadOnlyCollection<KnownParticipant> known)
    {
        var named = known.SelectMany(p => p.Aliases.Prepend(p.Name)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Names.Select(n => (Name: n, Kind: "country", Aliases: Array.Empty<string>()))
            .Concat(Bodies.Select(b => (Name: b.Key, Kind: "organization", Aliases: b.Value)))
            .Where(p => !p.Aliases.Prepend(p.Name).Any(n => named.Contains(n) || named.Contains("The " + n)))
            .Select(p => new KnownParticipant(Mention.NewId(p.Name), p.Name, p.Kind, p.Aliases, []));
    }
}
