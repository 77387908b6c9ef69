using System.Text.Json;
using System.Text.Json.Nodes;
using TimelineApi.Tests.Infrastructure;

namespace TimelineApi.Tests.Contract;

/// <summary>
/// The strict validator every answer of the conformance suites goes through (Ajv, by the letter of OpenAPI 3.0.3) is
/// there and strict, and every member the contract says may be null takes null under it.
/// </summary>
public sealed class StrictValidatorTests
{
    private static readonly ContractDocument s_contract = new();

    [SkippableFact]
    public void TheStrictValidator_Runs_AndReadsNullableByTheLetter()
    {
        OutsideTools.RequireNode();
        var ajv = StrictValidator.Shared;
        Assert.NotNull(ajv);
        var empty = JsonDocument.Parse("null").RootElement;
        Assert.NotNull(ajv.Violations(JsonNode.Parse("""{"type": "string", "nullable": true, "enum": ["a"]}""")!, empty));
        Assert.Null(ajv.Violations(JsonNode.Parse("""{"type": "string", "nullable": true, "enum": ["a", null]}""")!, empty));
        Assert.NotNull(ajv.Violations(JsonNode.Parse("""{"type": "object", "nullable": true, "allOf": [{"$ref": "#/components/schemas/SpeakerResponse"}]}""")!, empty));
        Assert.NotNull(ajv.Violations(JsonNode.Parse("""{"type": "string", "frobnicate": true}""")!, JsonDocument.Parse("\"x\"").RootElement)); // strict: unknown keywords are errors
    }

    public static TheoryData<string, string> NullableMembers()
    {
        var data = new TheoryData<string, string>();
        foreach (var (name, schema) in s_contract.Document["components"]!["schemas"]!.AsObject())
        {
            foreach (var (member, property) in schema!["properties"]?.AsObject() ?? [])
            {
                if ((bool?)property!["nullable"] == true || property["oneOf"] is not null)
                {
                    data.Add(name, member);
                }
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(NullableMembers))]
    public void AMemberThatMayBeNull_TakesNull_UnderBothValidators(string schema, string member)
    {
        var property = s_contract.Document["components"]!["schemas"]![schema]!["properties"]![member]!;
        var empty = JsonDocument.Parse("null").RootElement;
        Assert.Null(s_contract.Violations(property, empty));
        OutsideTools.RequireNode();
        Assert.Null(StrictValidator.Shared!.Violations(property, empty));
    }
}
