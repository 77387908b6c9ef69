using TimelineApi.Common;

namespace TimelineApi.Events;

/// <summary>The query parameters of the event and meeting lists, and how they become an <see cref="EventFilter"/>.</summary>
public static class EventQuery
{
    public static readonly QueryParameter Status = new(
        "status", "Only events with one of these statuses.", "held,scheduled", AllowedValues: EventVocabulary.Statuses, IsList: true);

    public static readonly QueryParameter Topic = new(
        "topic", "Only events about one of these topics (ids such as `ukraine`, `nato-expansion`, `sanctions`).", "nato-expansion", IsList: true);

    public static readonly QueryParameter Search = new(
        "q",
        "Full-text search: words (all must match), prefixes (`sanct*`) and phrases in double quotes (`\"practical work\"`); case and accents do not matter. It must hold at least one letter or digit.",
        "sanction*",
        Pattern: @"[\p{L}\p{N}]");

    /// <summary>The <c>sort</c> parameter over the given orders, the first being the default.</summary>
    public static QueryParameter SortOf(params string[] orders) => new(
        "sort",
        $"The order of the list: a field, or `-field` for descending. Default `{orders[0]}`; with `q`, by `relevance` where offered (`relevance` without `q` keeps the default order). Undated items come last in either direction.",
        orders[^1],
        AllowedValues: orders);

    public static QueryParameter KindOf(IReadOnlyList<string> kinds) => new(
        "kind", "Only events of one of these kinds.", kinds[0], AllowedValues: kinds, IsList: true);

    public static QueryParameter[] FilterParameters(IReadOnlyList<string> kinds) =>
        [CommonParameters.From, CommonParameters.To, CommonParameters.Participant, KindOf(kinds), Status, Topic, Search, CommonParameters.UpdatedSince];

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
            Search = ReadSearch(query),
            UpdatedSince = query.UpdatedSince(),
        };
    }

    /// <summary>The search <c>q</c> asks for, or null when absent.</summary>
    public static SearchTerms? ReadSearch(QueryReader query)
    {
        var text = query.Text(Search);
        if (text is null)
        {
            return null;
        }

        var (search, error) = FullTextQuery.Parse(text);
        if (search is null)
        {
            query.AddError(Search.Name, error ?? "'q' has no word to search for: give words, prefixes (sanct*) or \"phrases\".");
        }

        return search;
    }

    /// <summary>
    /// The order asked for with <c>sort</c> among <paramref name="orders"/> (keyed by the parameter's
    /// values), defaulting to relevance under a search and to the first order otherwise; and the
    /// decoded cursor, checked to continue that order.
    /// </summary>
    public static (Keyset Order, string[]? After) ReadOrder(
        QueryReader query, QueryParameter sort, IReadOnlyDictionary<string, Keyset> orders, bool searching)
    {
        var name = query.OneOf(sort) ?? (searching && orders.ContainsKey("relevance") ? "relevance" : sort.AllowedValues![0]);
        if (name == "relevance" && !searching)
        {
            name = sort.AllowedValues![0]; // nothing to rank without a search: the default order
        }

        var order = orders[name];
        var after = query.CursorParts(2);
        if (after is not null && !order.Accepts(after))
        {
            query.AddError(CommonParameters.Cursor.Name, "The cursor does not continue this order: pass back the `next` value of the same list.");
            after = null;
        }

        return (order, after);
    }

    /// <summary>The first and last day of the <c>from</c>/<c>to</c> range, checked to be in order.</summary>
    public static (string? FromDay, string? ToDay) ReadRange(QueryReader query)
    {
        var from = query.Date(CommonParameters.From)?.FirstDay;
        var to = query.Date(CommonParameters.To)?.LastDay;
        // A range that ends before it starts holds no day: it selects nothing (a day before every date).
        return from is not null && to is not null && string.CompareOrdinal(from, to) > 0 ? (from, "0000-01-01") : (from, to);
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
