using TimelineApi.Editing;

namespace TimelineApi.Http;

/// <summary>Answers 304 to a GET whose <c>If-None-Match</c> names the ETag the endpoint gave its resource.</summary>
public sealed class ResourceETagFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        var etag = http.Response.Headers.ETag.ToString();
        return HttpMethods.IsGet(http.Request.Method) && etag.Length > 0 && ResourceTag.NoneMatch(http.Request, etag)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : result;
    }
}
