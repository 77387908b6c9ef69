using TimelineApi.Common;

namespace TimelineApi.Events;

/// <summary>The query parameters of the event and meeting lists, and how they become an <see cref="EventFilter"/>.</summary>
public static class EventQuery
{
    public static readonly QueryParameter Status = new(
        "status", "Only events with one of these statuses.", "held,scheduled", AllowedValues: EventVocabulary.Statuses, IsList: true);

    public static readonly QueryParameter Topic = new(
        "topic", "Only events about one of these topics (ids such as `ukraine`, `nato-expansion`, `sanctions`).", "nato-expansion", IsList: true);

    public static QueryParameter KindOf(IReadOnlyList<string> kinds) => new(
        "kind", "Only events of one of these kinds.", kinds[0], AllowedValues: kinds, IsList: true);

    public static QueryParameter[] FilterParameters(IReadOnlyList<string> kinds) =>
        [CommonParameters.From, CommonParameters.To, CommonParameters.Participant, KindOf(kinds), Status, Topic];

    public static EventFilter ReadFilter(QueryReader query, IReadOnlyList<string> kinds)
    {
        var (from, to) = ReadRange(query);
        return new EventFilter
        {
            FromDay = from,
            ToDay = to,
            ParticipantKey = ReadParticipantKey(query),
            Kinds = query.List(KindOf(kinds)),
            Statuses = query.List(Status),
            Topics = query.List(Topic),
        };
    }

    /// <summary>The first and last day of the <c>from</c>/<c>to</c> range, checked to be in order.</summary>
    public static (string? FromDay, string? ToDay) ReadRange(QueryReader query)
    {
        var from = query.Date(CommonParameters.From)?.FirstDay;
        var to = query.Date(CommonParameters.To)?.LastDay;
        if (from is not null && to is not null && string.CompareOrdinal(from, to) > 0)
        {
            query.AddError(CommonParameters.To.Name, $"'to' ({to}) is before 'from' ({from}).");
        }

        return (from, to);
    }

    public static string? ReadParticipantKey(QueryReader query)
    {
        var participant = query.Text(CommonParameters.Participant);
        if (participant is null)
        {
            return null;
        }

        var key = TextKey.Normalize(participant);
        if (key.Length == 0)
        {
            query.AddError(CommonParameters.Participant.Name, "Give a participant's id, name or alias.");
            return null;
        }

        return key;
    }
}
