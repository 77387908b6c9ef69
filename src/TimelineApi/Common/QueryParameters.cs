namespace TimelineApi.Common;

public enum QueryParameterType
{
    Text,
    WholeNumber,
    Date,
}

/// <summary>
/// One query parameter an endpoint accepts: what it means, an example, and the values it takes.
/// The same definition validates requests (<see cref="QueryReader"/>) and documents the operation
/// in OpenAPI, so the two cannot drift apart.
/// </summary>
public sealed record QueryParameter(
    string Name,
    string Description,
    string? Example,
    QueryParameterType Type = QueryParameterType.Text,
    IReadOnlyList<string>? AllowedValues = null,
    bool IsList = false,
    string? Default = null,
    long Minimum = 1,
    long Maximum = CommonParameters.MaxLimit,
    bool Required = false,
    string? Pattern = null);

/// <summary>Endpoint metadata carrying the query parameters an operation accepts.</summary>
public sealed record QueryParametersMetadata(IReadOnlyList<QueryParameter> Parameters);

/// <summary>Endpoint metadata describing the <c>{id}</c> route parameter of an operation.</summary>
public sealed record IdParameterMetadata(string Description, string Example);

public static class QueryParameterExtensions
{
    public static RouteHandlerBuilder WithQueryParameters(this RouteHandlerBuilder builder, IReadOnlyList<QueryParameter> parameters)
        => builder.WithMetadata(new QueryParametersMetadata(parameters));

    /// <summary>Documents the <c>{id}</c> route parameter of one endpoint, overriding its group's example.</summary>
    public static RouteHandlerBuilder WithIdExample(this RouteHandlerBuilder builder, string resource, string example)
        => builder.WithMetadata(new IdParameterMetadata($"The {resource}'s id: a stable, readable slug.", example));

    /// <summary>Documents the <c>{id}</c> route parameter of every endpoint of the group.</summary>
    public static RouteGroupBuilder WithIdParameter(this RouteGroupBuilder builder, string resource, string example)
        => builder.WithMetadata(new IdParameterMetadata($"The {resource}'s id: a stable, readable slug.", example));
}

/// <summary>Parameters shared by the list endpoints.</summary>
public static class CommonParameters
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    public static readonly QueryParameter Limit = new(
        "limit", $"How many items a page holds, 1 to {MaxLimit} (50 when left out; a CSV or NDJSON export is whole unless a limit is given).", "20", QueryParameterType.WholeNumber, Default: "50");

    public static readonly QueryParameter Cursor = new(
        "cursor", "The opaque `next` value of the previous page (also sent in its `Link: rel=\"next\"` header). Pass it back unchanged.", null);

    public static readonly QueryParameter From = new(
        "from", "Only items on or after this day: an ISO 8601 day (`2022-01-09`), month (`2022-01`) or date-time with offset. Events match when any part of their span falls on or after it.", "2021-12-07", QueryParameterType.Date);

    public static readonly QueryParameter To = new(
        "to", "Only items on or before this day (same forms as `from`; a month means its last day). Events match when any part of their span falls on or before it. A `to` before `from` selects nothing.", "2021-12-31", QueryParameterType.Date);

    public static readonly QueryParameter Participant = new(
        "participant", "A participant's id, name, any alias or a person's family name, case- and accent-insensitive (`yuri-ushakov`, `Yury Ushakov`, `POTUS`, `Ushakov`). A name that finds nobody answers 400 offering the closest participants in `suggestions`.", "Yury Ushakov");

    public static readonly QueryParameter Format = ListFormat.Parameter(ListFormat.ListFormats);

    public static readonly QueryParameter Bom = new(
        "bom", "`true` starts a CSV export with a UTF-8 byte order mark, so Excel reads its accents and dashes right.", "false",
        AllowedValues: ["true", "false"], Default: "false");

    public static readonly QueryParameter Total = new(
        "total", "`true` adds `total` to the page: how many items match the filters, on every page together (also the `X-Total-Count` header, which a CSV or NDJSON export gives too).", "true",
        AllowedValues: ["true", "false"], Default: "false");

    public static readonly QueryParameter[] Paging = [Limit, Cursor, Format, Bom, Total];

    public static readonly QueryParameter UpdatedSince = new(
        "updatedSince", "Only records written (or shown differently) at or after this instant or day: to fetch what changed since the last sync.", "2021-12-08T00:00:00Z", QueryParameterType.Date);
}
