using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace TimelineApi.Tests.Infrastructure;

/// <summary>One operation of the committed OpenAPI document.</summary>
public sealed record ContractOperation(
    string Method, string Path, string OperationId, IReadOnlyList<JsonObject> Parameters, JsonObject Responses, bool BodyRequired)
{
    public override string ToString() => $"{Method} {Path}";

    /// <summary>The media types a status may answer with, and the schema of each (null for no body).</summary>
    public IReadOnlyDictionary<string, JsonNode?>? Content(int status)
        => Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] is JsonObject response
            ? (response["content"] as JsonObject)?.ToDictionary(c => c.Key, c => c.Value?["schema"]) ?? new Dictionary<string, JsonNode?>()
            : null;
}

/// <summary>
/// The committed <c>openapi/openapi.json</c> as a judge: its operations, and two validators of answers, each reading
/// the schemas by the letter of OpenAPI 3.0.3 (<c>nullable</c> adds null to the <c>type</c> of its own schema object
/// only: not to an <c>enum</c>, not through <c>allOf</c> or a reference): JsonSchema.Net over the schemas turned into
/// JSON Schema 2020-12, and Ajv in strict mode (<see cref="StrictValidator"/>), where Node is installed.
/// </summary>
public sealed class ContractDocument
{
    private static readonly EvaluationOptions s_options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private readonly JsonObject _definitions;
    private readonly Dictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    public ContractDocument()
    {
        Document = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("openapi", "openapi.json")))!.AsObject();
        _definitions = (JsonObject)ToJsonSchema(Document["components"]!["schemas"]!.DeepClone())!;
        Operations = [.. Document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => new ContractOperation(
            op.Key.ToUpperInvariant(), path.Key, (string)op.Value!["operationId"]!,
            [.. (op.Value["parameters"]?.AsArray() ?? []).OfType<JsonObject>()], op.Value["responses"]!.AsObject(),
            op.Value["requestBody"]?["required"]?.GetValue<bool>() == true)))];
    }

    public JsonObject Document { get; }

    public IReadOnlyList<ContractOperation> Operations { get; }

    /// <summary>Why <paramref name="instance"/> breaks <paramref name="schema"/> (an OpenAPI schema object), or null when it holds.</summary>
    public string? Violations(JsonNode schema, JsonElement instance)
    {
        var key = schema.ToJsonString();
        if (!_schemas.TryGetValue(key, out var compiled))
        {
            var root = ToJsonSchema(schema.DeepClone())!.AsObject();
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            root["$defs"] = _definitions.DeepClone();
            compiled = _schemas[key] = JsonSchema.FromText(root.ToJsonString());
        }

        var result = compiled.Evaluate(instance, s_options);
        if (!result.IsValid)
        {
            return "JsonSchema.Net: " + string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(5));
        }

        return StrictValidator.Shared?.Violations(schema, instance) is { } strict ? "Ajv: " + strict : null;
    }

    /// <summary>The status is one the operation documents, in a media type it documents, with a body its schema accepts.</summary>
    public void AssertDocumented(ContractOperation operation, string request, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{request}: {status} {body[..Math.Min(body.Length, 300)]}");
        var content = operation.Content(status);
        Assert.True(content is not null, $"{request}: status {status} is not documented for {operation.OperationId}: {body[..Math.Min(body.Length, 300)]}");
        if (status is 204 or 304)
        {
            Assert.True(body.Length == 0, $"{request}: a {status} has a body: {body}");
            return;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        Assert.True(mediaType is not null && content!.ContainsKey(mediaType), $"{request}: {status} answered {mediaType}, not one of {string.Join(", ", content!.Keys)}");
        var schema = content[mediaType!];
        if (mediaType is "application/json" or "application/problem+json")
        {
            using var document = JsonDocument.Parse(body);
            if (schema is not null && Violations(schema, document.RootElement) is { } violations)
            {
                Assert.Fail($"{request}: the {status} body breaks its schema: {violations}\n{body[..Math.Min(body.Length, 500)]}");
            }

            if (mediaType == "application/problem+json")
            {
                Assert.Equal(status, document.RootElement.GetProperty("status").GetInt32());
            }
        }
        else if (mediaType == "application/x-ndjson" && content.TryGetValue("application/json", out var pageSchema) && pageSchema?["$ref"] is JsonValue pageRef)
        {
            var itemSchema = JsonNode.Parse($$"""{"$ref": "{{((string)pageRef!).Replace("Page", "", StringComparison.Ordinal)}}"}""")!;
            foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                using var item = JsonDocument.Parse(line);
                if (Violations(itemSchema, item.RootElement) is { } violations)
                {
                    Assert.Fail($"{request}: an NDJSON line breaks its item schema: {violations}\n{line}");
                }
            }
        }
    }

    /// <summary>The operation of <paramref name="method"/> on a path template.</summary>
    public ContractOperation Operation(string method, string path) => Operations.Single(o => o.Method == method && o.Path == path);

    private static JsonNode? ToJsonSchema(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["$ref"] is JsonValue reference)
                {
                    o["$ref"] = ((string)reference!).Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
                }

                // OpenAPI 3.0.3: `nullable: true` adds null to the `type` beside it, and to nothing else.
                if (o.Remove("nullable", out var nullable) && (bool)nullable! && o["type"] is JsonValue type)
                {
                    o["type"] = new JsonArray((string)type!, "null");
                }

                o.Remove("example");
                foreach (var (_, value) in o.ToList())
                {
                    ToJsonSchema(value);
                }

                return o;
            case JsonArray a:
                foreach (var item in a)
                {
                    ToJsonSchema(item);
                }

                return a;
            default:
                return node;
        }
    }
}
