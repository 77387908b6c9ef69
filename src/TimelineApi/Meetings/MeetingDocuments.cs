using System.Buffers;
using System.Linq.Expressions;
using System.Text.Json;
using TimelineApi.Events;
using TimelineApi.Http;

namespace TimelineApi.Meetings;

/// <summary>
/// A meeting as the API serves it, written from its event's stored document (<see cref="EventDocuments"/>): the state
/// the meeting had as known on the day asked for (its schedule and the precision of its date) in place of
/// the event's, then the day and the status history before <c>updatedAt</c>. The same bytes as the meeting built from
/// its rows and serialized, without reading its participants, topics and sources again for every page.
/// </summary>
internal static class MeetingDocuments
{
    private static readonly JsonSerializerOptions s_options = ApiJsonContext.Answers;

    /// <summary>The members a meeting takes from the report that stood on the day (<see cref="Data.EventTable.KnownAsOf"/>), each with its value in a row.</summary>
    private static readonly (JsonEncodedText Name, Func<EventRow, object?> Value)[] s_state =
        [.. Data.EventTable.KnownAsOf.Select(member => (Name(member), Getter(member)))];

    private static readonly JsonEncodedText s_asOf = Name(nameof(MeetingResponse.AsOf));
    private static readonly JsonEncodedText s_history = Name(nameof(MeetingResponse.History));
    private static readonly JsonEncodedText s_updatedAt = Name(nameof(MeetingResponse.UpdatedAt));

    /// <summary>The meeting as <paramref name="row"/> (the state known by <paramref name="asOf"/>, with its event's stored document) gives it.</summary>
    public static byte[] Write(EventRow row, string? asOf, IReadOnlyList<MeetingStatusEntry> history)
    {
        var document = row.Document ?? throw new InvalidOperationException($"Event '{row.Id}' has no stored document.");
        var buffer = new ArrayBufferWriter<byte>(document.Length + 256 + 256 * history.Count);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = s_options.Encoder, SkipValidation = true }))
        {
            var reader = new Utf8JsonReader(document);
            reader.Read();
            writer.WriteStartObject();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(s_updatedAt.EncodedUtf8Bytes))
                {
                    if (asOf is null)
                    {
                        writer.WriteNull(s_asOf);
                    }
                    else
                    {
                        writer.WriteString(s_asOf, asOf);
                    }

                    writer.WritePropertyName(s_history);
                    JsonSerializer.Serialize(writer, history, s_options);
                }

                var state = -1;
                for (var i = 0; i < s_state.Length && state < 0; i++)
                {
                    state = reader.ValueTextEquals(s_state[i].Name.EncodedUtf8Bytes) ? i : -1;
                }

                writer.WritePropertyName(reader.ValueSpan); // the stored names are plain camelCase, with nothing escaped
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (state < 0)
                {
                    writer.WriteRawValue(document.AsSpan(start, (int)reader.BytesConsumed - start), skipInputValidation: true);
                }
                else
                {
                    switch (s_state[state].Value(row))
                    {
                        case string text:
                            writer.WriteStringValue(text);
                            break;
                        case int number:
                            writer.WriteNumberValue(number);
                            break;
                        case null:
                            writer.WriteNullValue();
                            break;
                        case var other:
                            throw new InvalidOperationException($"A meeting's state holds no {other.GetType().Name}.");
                    }
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static Func<EventRow, object?> Getter(string member)
    {
        var row = Expression.Parameter(typeof(EventRow));
        return Expression.Lambda<Func<EventRow, object?>>(Expression.Convert(Expression.Property(row, member), typeof(object)), row).Compile();
    }

    private static JsonEncodedText Name(string member) => JsonEncodedText.Encode(s_options.PropertyNamingPolicy?.ConvertName(member) ?? member);
}
