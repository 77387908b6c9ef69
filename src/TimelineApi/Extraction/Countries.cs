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
        "Belarus", "Belgium", "Bhutan", "Bolivia", "Bosnia", "Botswana", "Brazil", "Brunei", "Bulgaria", "Burundi", "Cambodia", "Cameroon", "Canada",
        "Chad", "Chile", "China", "Colombia", "Congo", "Costa Rica", "Croatia", "Cuba", "Cyprus", "Czech Republic", "Denmark", "Djibouti", "Ecuador",
        "Egypt", "El Salvador", "Eritrea", "Estonia", "Ethiopia", "Finland", "France", "Gabon", "Georgia", "Germany", "Ghana", "Greece", "Guatemala",
        "Guinea", "Haiti", "Honduras", "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Israel", "Italy", "Jamaica", "Japan",
        "Jordan", "Kazakhstan", "Kenya", "Kosovo", "Kuwait", "Kyrgyzstan", "Laos", "Latvia", "Lebanon", "Liberia", "Libya", "Lithuania", "Luxembourg",
        "Madagascar", "Malawi", "Malaysia", "Maldives", "Mali", "Malta", "Mauritania", "Mexico", "Moldova", "Mongolia", "Montenegro", "Morocco",
        "Mozambique", "Myanmar", "Namibia", "Nepal", "Netherlands", "New Zealand", "Nicaragua", "Niger", "Nigeria", "North Korea", "North Macedonia",
        "Norway", "Oman", "Pakistan", "Palestine", "Panama", "Paraguay", "Peru", "Philippines", "Poland", "Portugal", "Qatar", "Romania", "Rwanda",
        "Saudi Arabia", "Senegal", "Serbia", "Sierra Leone", "Singapore", "Slovakia", "Slovenia", "Somalia", "South Africa", "South Korea", "South Sudan",
        "Spain", "Sri Lanka", "Sudan", "Suriname", "Sweden", "Switzerland", "Syria", "Taiwan", "Tajikistan", "Tanzania", "Thailand", "Tunisia",
        "Turkey", "Turkmenistan", "Uganda", "United Arab Emirates", "United Kingdom", "Uruguay", "Uzbekistan", "Venezuela", "Vietnam", "Yemen",
        "Zambia", "Zimbabwe",
    ], StringComparer.Ordinal);

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
