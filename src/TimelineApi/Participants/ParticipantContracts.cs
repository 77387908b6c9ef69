namespace TimelineApi.Participants;

/// <summary>Another name a participant goes by in a source (a spelling, a short form, a handle).</summary>
public sealed record AliasResponse(string Name, string? Source);

/// <summary>A title a source gives the participant, exactly as given.</summary>
public sealed record RoleResponse(string Title, string Source);

/// <summary>A person, organization, country or group that takes part in events or makes statements.</summary>
public sealed record ParticipantResponse(
    string Id, string Name, string Kind, string? Country, IReadOnlyList<AliasResponse> Aliases, IReadOnlyList<RoleResponse> Roles);

public static class ParticipantVocabulary
{
    public static readonly string[] Kinds = ["person", "organization", "country", "group"];
}

internal sealed class ParticipantRow
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public string? CountryId { get; init; }
    public long Version { get; init; }
}

/// <summary>Someone a participant met or talked with: how many events they shared, and which.</summary>
public sealed record CounterpartResponse(string Id, string Name, string Kind, int Count, IReadOnlyList<string> Events, IReadOnlyDictionary<string, int> ByStatus);
