using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TimelineApi.Common;

namespace TimelineApi.Tests.Infrastructure;

/// <summary>Helpers for reading the API's answers.</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<T> GetAsync<T>(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    /// <summary>Follows <c>next</c> from <paramref name="url"/> to the last page, checking each page's Link header.</summary>
    public static async Task<List<T>> GetAllPagesAsync<T>(this HttpClient client, string url)
    {
        var items = new List<T>();
        var next = url;
        for (var pages = 0; next is not null; pages++)
        {
            Assert.True(pages < 1000, "Paging does not end.");
            using var response = await client.GetAsync(next);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = (await response.Content.ReadFromJsonAsync<Page<T>>(Json))!;
            items.AddRange(page.Items);
            if (page.Next is null)
            {
                Assert.False(response.Headers.Contains("Link"));
                next = null;
            }
            else
            {
                var link = Assert.Single(response.Headers.GetValues("Link"));
                Assert.EndsWith("; rel=\"next\"", link, StringComparison.Ordinal);
                var target = new Uri(client.BaseAddress!, link[1..link.IndexOf('>', StringComparison.Ordinal)]); // a reference resolved against the request's URL (RFC 8288 3.1)
                Assert.Contains("cursor=" + Uri.EscapeDataString(page.Next), target.Query, StringComparison.Ordinal);
                next = target.PathAndQuery;
            }
        }

        return items;
    }

    /// <summary>Asserts an RFC 9457 answer with the status, returning its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>Asserts a 400 whose <c>errors</c> name <paramref name="parameter"/>.</summary>
    public static async Task<string> AssertBadParameterAsync(this HttpClient client, string url, string parameter)
    {
        using var response = await client.GetAsync(url);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(parameter, out var messages), $"GET {url}: errors do not name '{parameter}': {errors}");
        return messages[0].GetString()!;
    }

    /// <summary>Asserts that HEAD answers <paramref name="url"/> as GET does (status, type, validators, links) without a body.</summary>
    public static async Task AssertHeadLikeGetAsync(this HttpClient client, string url)
    {
        using var get = await client.GetAsync(url);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Headers.Contains("Link"), head.Headers.Contains("Link"));
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.NotEmpty(await get.Content.ReadAsByteArrayAsync());
    }
}
