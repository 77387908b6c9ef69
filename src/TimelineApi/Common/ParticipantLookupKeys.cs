namespace TimelineApi.Common;

/// <summary>The normalised keys a participant can be found by: its id, its name and every alias.</summary>
public static class ParticipantLookupKeys
{
    public static IEnumerable<string> For(string id, string name, IEnumerable<string> aliases)
        => new[] { id, name }.Concat(aliases).Select(TextKey.Normalize).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal);
}
