namespace TimelineApi.Http;

/// <summary>
/// <c>HEAD</c> wherever <c>GET</c> works (RFC 9110 §9.3.2): the request is routed and answered as a
/// <c>GET</c> (same status, same headers: ETag, Link, Content-Type, caching), and the body is dropped.
/// </summary>
public static class HeadRequests
{
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        context.Request.Method = HttpMethods.Get;
        var body = context.Response.Body;
        context.Response.Body = Stream.Null;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = body;
            context.Request.Method = HttpMethods.Head;
        }
    });
}
